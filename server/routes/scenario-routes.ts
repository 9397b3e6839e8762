import { operationalRoles } from '../../pipelines/read/index.js';
import {
  parseScenarioRequest,
  ScenarioError,
  markScenarioInBrief,
  ScenarioRunner,
  scenarioMeasures,
  type SavedScenario,
} from '../../pipelines/scenario/index.js';
import type { AppServices } from '../http/app-services.js';
import { defineRoute, type RouteInput, type RouteSpec } from '../http/route-spec.js';
import { ClientError } from '../validation/client-error.js';
import { z } from '@hono/zod-openapi';
import { optional, param } from '../validation/params.js';

function describe(saved: SavedScenario, runner: ScenarioRunner) {
  return {
    ...saved,
    progress:
      saved.status === 'done'
        ? { done: saved.request.replications, total: saved.request.replications }
        : (runner.progressOf(saved.scenario_id) ?? null),
  };
}

/** The ICS codes a caller may see that have sites (their scope, or every ICS). */
async function visibleIcs(input: RouteInput): Promise<string[]> {
  const scope = input.reader!.scope;
  const reader = await input.deps.connection.runAndReadAll(
    `SELECT DISTINCT ics_code FROM org WHERE org_type = 'site' AND ics_code IS NOT NULL
       AND ($1::VARCHAR IS NULL OR list_contains(string_split($1, ','), ics_code))
     ORDER BY ics_code`,
    [scope === null ? null : scope.join(',')],
  );
  return reader.getRowsJS().map((row) => String(row[0]));
}

const idPath = {
  id: param.text('the scenario id', {
    pattern: /^scn_[A-Za-z0-9_-]{6,40}$/,
    hint: 'a scenario id such as scn_Ab3dE5fG7hI9',
    maxLength: 44,
  }),
};

/**
 * POST /api/scenarios (start a scenario), GET /api/scenarios (those you may see) and
 * GET /api/scenarios/:id (status, progress, summary and every output as JSON, CSV or Arrow) and
 * POST /api/scenarios/:id/brief (mark or unmark one for the daily brief).
 */
export function scenarioRoutes(services: AppServices): RouteSpec[] & { runner: ScenarioRunner } {
  const { deps } = services;
  const runner = new ScenarioRunner({
    connection: deps.connection,
    settings: deps.config.settings,
    now: deps.now,
    log: deps.log,
  });
  const specs: RouteSpec[] = [
    {
      method: 'POST',
      path: '/api/scenarios',
      tag: 'scenarios',
      summary:
        'Start a what-if scenario from the live state: levers against the no-change baseline, on common random numbers',
      description:
        'Answers 202 with the scenario id once the levers are checked against the sites; follow `GET /api/scenarios/{id}` for progress and results. ' +
        'Levers: beds (G&A beds opened or closed), extra_discharges (per day, by pathway), nctr_cut (% shorter delays, optionally one pathway), ' +
        'arrivals (% up or down), handover_cap (minutes), divert (share of ambulance arrivals to another site); each with org (site, trust or ICS) and start_hour.',
      roles: operationalRoles,
      formats: ['json'],
      cached: false,
      requestBody: {
        contentType: 'application/json',
        description:
          '{"name": "20 beds at Rowan Dale", "hours": 72, "replications": 50, "seed": 1, "levers": [{"kind": "beds", "org": "XA4", "beds": 20}, {"kind": "nctr_cut", "org": "XA4", "pathway": 3, "percent": 50}], "in_brief": false}',
      },
      async handle(input) {
        const reader = input.reader!;
        reader.requireScenarios();
        try {
          const request = parseScenarioRequest(input.body, Math.floor(Math.random() * 2 ** 31));
          const visible = await visibleIcs(input);
          const ics = request.ics ?? visible;
          const outside = ics.filter((code) => !visible.includes(code));
          if (outside.length > 0)
            throw new ScenarioError(
              `ics: ${outside.join(', ')} is not an ICS you may see (yours: ${visible.join(', ') || 'none'})`,
            );
          if (ics.length === 0)
            throw new ScenarioError('there is no ICS in your scope to simulate');
          const id = await runner.start({ ...request, ics }, reader.principal.tokenId);
          const [saved] = await reader.scenarios({ id });
          return {
            status: 202,
            noStore: true,
            body: { scenario: describe(saved, runner), url: `/api/scenarios/${id}` },
          };
        } catch (error) {
          if (error instanceof ScenarioError) throw new ClientError(400, error.message);
          throw error;
        }
      },
    },
    defineRoute({
      method: 'GET',
      path: '/api/scenarios',
      tag: 'scenarios',
      summary: 'Scenarios you may see (newest first), with their inputs, status and summary',
      roles: operationalRoles,
      query: {
        in_brief: optional(param.oneOf(['true', 'false'], 'only those marked for the daily brief')),
      },
      formats: ['json'],
      cached: false,
      async handle(input) {
        const inBrief =
          input.params.in_brief === undefined ? undefined : input.params.in_brief === 'true';
        const scenarios = await input.reader!.scenarios({ inBrief });
        return { body: { scenarios: scenarios.map((s) => describe(s, runner)) }, noStore: true };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/scenarios/:id',
      tag: 'scenarios',
      summary:
        'One scenario: status, progress, summary, fitted distributions and its outputs per org and hour (baseline, scenario, difference) with 80% and 95% ranges',
      description:
        'JSON carries `scenario` and `rows`; CSV and Arrow carry the rows. hour_start null: the whole horizon. Patients are counted at the end of each hour.',
      roles: operationalRoles,
      pathParams: idPath,
      query: {
        org: optional(param.org('one site, trust or ICS')),
        measure: optional(param.oneOf(scenarioMeasures, 'one output')),
        run: optional(
          param.oneOf(['baseline', 'scenario', 'difference'], 'baseline, scenario or difference'),
        ),
      },
      formats: ['json', 'csv', 'arrow'],
      contract: 'scenarioValues',
      cached: false,
      async handle(input) {
        const { id, org, measure, run } = input.params;
        const { scenario: saved, table } = await input.reader!.scenarioValues(id, {
          org,
          measure,
          run,
        });
        return { table, body: { scenario: describe(saved, runner), rows: table }, noStore: true };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/scenarios/:id/brief',
      tag: 'scenarios',
      summary: 'Mark a saved scenario for the daily brief, or unmark it',
      description:
        'A finished scenario marked for the brief gets a section of the daily brief of every audience that may see it: its plan, where and when it started, and its headline outputs over the horizon.',
      roles: operationalRoles,
      pathParams: idPath,
      formats: ['json'],
      cached: false,
      requestBody: { contentType: 'application/json', description: '{"in_brief": true}' },
      body: z.strictObject(
        { in_brief: z.boolean({ error: 'true or false' }) },
        { error: '{"in_brief": true} or {"in_brief": false}' },
      ),
      async handle(input) {
        const id = input.params.id;
        const inBrief = input.body.in_brief;
        const [saved] = await input.reader!.scenarios({ id });
        if (!saved) throw new ClientError(404, `no scenario ${id}; GET /api/scenarios lists yours`);
        await markScenarioInBrief(input.deps.connection, id, inBrief);
        const [marked] = await input.reader!.scenarios({ id });
        return { body: { scenario: describe(marked!, runner) }, noStore: true };
      },
    }),
  ];
  return Object.assign(specs, { runner });
}
