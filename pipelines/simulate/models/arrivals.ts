import { day, minute } from '../durations.js';
import { londonWallMs } from '../local-time.js';
import type { Random } from '../random.js';
import { admitProbability, hourProfile, seasonalFactor, weekdayProfile } from './calibration.js';
import type { Person, Population } from './population.js';
import type { Site, Trust } from './trusts.js';

/** Someone arriving at A&E: who, when, where, how, and whether they will be admitted. */
export interface Arrival {
  at: number;
  person: Person;
  trust: Trust;
  site: Site;
  isAdmitted: boolean;
  isAmbulance: boolean;
}

/**
 * Arrivals at the ICS's A&E departments. A person goes to the trust serving their local
 * authority (now and then another); those who will be admitted and those brought by ambulance
 * go to the ED, most other patients of a trust with an urgent treatment centre to the centre.
 */
export class Arrivals {
  constructor(
    private readonly population: Population,
    private readonly trusts: readonly Trust[],
    private readonly random: Random,
  ) {}

  /**
   * The instants (whole minutes, in order) of the arrivals in the hour starting at `start`
   * (UTC ms): a Poisson count at the population's rate by London hour of day, weekday and
   * season.
   */
  times(start: number): number[] {
    const r = this.random;
    const wall = new Date(londonWallMs(start));
    const dayOfYear = Math.floor((wall.getTime() - Date.UTC(wall.getUTCFullYear(), 0, 1)) / day);
    const weekday = (wall.getUTCDay() + 6) % 7;
    const lambda =
      this.population.perHour *
      hourProfile[wall.getUTCHours()]! *
      weekdayProfile[weekday]! *
      seasonalFactor(dayOfYear);
    const n = r.poisson(lambda);
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(start + r.int(60) * minute);
    return times.sort((a, b) => a - b);
  }

  /** The arrival at `at`: a person drawn from the population, and where they go. */
  arrive(at: number): Arrival {
    const r = this.random;
    const person = this.population.draw(r);
    const age = person.age;
    let trust = this.trusts[person.laIndex % this.trusts.length]!;
    if (r.next() < 0.05) trust = this.trusts[r.int(this.trusts.length)]!;
    const isAdmitted = r.next() < admitProbability(age, person.decile);
    const isAmbulance = r.next() < (isAdmitted ? (age >= 75 ? 0.6 : 0.4) : age >= 75 ? 0.12 : 0.06);
    const toUtc =
      !isAdmitted && !isAmbulance && trust.utc !== undefined && r.next() < (age < 65 ? 0.68 : 0.5);
    return { at, person, trust, site: toUtc ? trust.utc! : trust.ed, isAdmitted, isAmbulance };
  }
}
