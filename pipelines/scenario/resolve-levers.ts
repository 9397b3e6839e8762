import { ScenarioError } from './scenario-error.js';
import type { Lever } from './scenario-request.js';
import type { SeedSite } from './scenario-seed.js';

/** The levers acting on one site, each from its start hour. */
export interface SiteLevers {
  beds: Array<{ start: number; beds: number }>;
  extra_discharges: Array<{ start: number; pathway: number; per_day: number }>;
  /** Remaining delays multiplied by `factor` (pathway −1: every pathway). */
  nctr_cut: Array<{ start: number; pathway: number; factor: number }>;
  arrivals: Array<{ start: number; factor: number }>;
  handover_cap: Array<{ start: number; minutes: number }>;
  divert: Array<{ start: number; to: number; share: number }>;
}

export function noLevers(): SiteLevers {
  return {
    beds: [],
    extra_discharges: [],
    nctr_cut: [],
    arrivals: [],
    handover_cap: [],
    divert: [],
  };
}

/**
 * Places each lever on the sites it acts on, refusing what cannot be: an organisation not in the
 * scenario, beds closed below none, a diversion to a site outside the scenario or to itself.
 * Beds at a trust or ICS are shared among its sites with G&A beds in proportion to their core beds.
 */
export function resolveLevers(levers: readonly Lever[], sites: readonly SeedSite[]): SiteLevers[] {
  const resolved = sites.map(() => noLevers());
  const bedChange = sites.map(() => 0);
  levers.forEach((lever, i) => {
    const name = `levers[${i}]`;
    const members = sites
      .map((site, index) => ({ site, index }))
      .filter(
        ({ site }) =>
          site.site_code === lever.org ||
          site.trust_code === lever.org ||
          site.ics_code === lever.org,
      );
    if (members.length === 0)
      throw new ScenarioError(
        `${name}.org: ${lever.org} is no site, trust or ICS in this scenario (its sites: ${sites.map((s) => s.site_code).join(', ')})`,
      );
    const start = lever.start_hour ?? 0;
    switch (lever.kind) {
      case 'beds': {
        const withBeds = members.filter(({ site }) => site.ga_beds_core > 0);
        if (withBeds.length === 0)
          throw new ScenarioError(`${name}: ${lever.org} has no G&A beds to open or close`);
        const total = withBeds.reduce((sum, { site }) => sum + site.ga_beds_core, 0);
        let left = lever.beds!;
        withBeds.forEach(({ site, index }, k) => {
          const part =
            k === withBeds.length - 1
              ? left
              : Math.round((lever.beds! * site.ga_beds_core) / total);
          left -= part;
          bedChange[index] += part;
          resolved[index].beds.push({ start, beds: part });
          const open = site.ga_beds_core + site.ga_beds_escalation + bedChange[index];
          if (open < 0)
            throw new ScenarioError(
              `${name}: closing ${-lever.beds!} G&A beds leaves ${site.site_code} with ${open}; it has ${site.ga_beds_core + site.ga_beds_escalation} open`,
            );
        });
        break;
      }
      case 'extra_discharges':
        for (const { index } of members)
          resolved[index].extra_discharges.push({
            start,
            pathway: lever.pathway!,
            per_day: lever.per_day!,
          });
        break;
      case 'nctr_cut':
        for (const { index } of members)
          resolved[index].nctr_cut.push({
            start,
            pathway: lever.pathway ?? -1,
            factor: 1 - lever.percent! / 100,
          });
        break;
      case 'arrivals':
        for (const { index } of members)
          resolved[index].arrivals.push({ start, factor: 1 + lever.percent! / 100 });
        break;
      case 'handover_cap':
        for (const { index } of members)
          resolved[index].handover_cap.push({ start, minutes: lever.minutes! });
        break;
      case 'divert': {
        const to = sites.findIndex((site) => site.site_code === lever.to);
        if (to < 0)
          throw new ScenarioError(
            `${name}.to: ${lever.to} is no site in this scenario (its sites: ${sites.map((s) => s.site_code).join(', ')})`,
          );
        if (members.some(({ index }) => index === to))
          throw new ScenarioError(`${name}: cannot divert ${lever.org}'s arrivals to itself`);
        for (const { index } of members)
          resolved[index].divert.push({ start, to, share: lever.share! });
        break;
      }
    }
  });
  return resolved;
}
