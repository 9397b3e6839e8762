import { nhsNumberFor } from '../nhs-number.js';
import type { Random } from '../random.js';
import type { SyntheticReference } from '../read-reference.js';
import {
  ageBands,
  attendancesPerPersonYear,
  attendanceWeight,
  ethnicGroups,
} from './calibration.js';

/** A resident of the ICS as drawn for an attendance (`index` is unique across the region). */
export interface Person {
  index: number;
  age: number;
  sexCode: '1' | '2';
  ethnicCategory: string;
  lsoaCode: string;
  decile: number;
  laIndex: number;
  nhsNumber: string;
  birthMonthDay: string;
}

const ethnicCategories: Record<string, string[]> = {
  White: ['A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'B', 'C', 'C', 'C'],
  Mixed: ['D', 'E', 'F', 'G'],
  Asian: ['H', 'H', 'J', 'J', 'K', 'L'],
  Black: ['M', 'N', 'N', 'P'],
  Other: ['R', 'S', 'S'],
};

function mix(x: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The people of one ICS: its population cells (LSOA × age band × sex × ethnic group), each
 * weighted by how often its people attend, and its local authorities. A person's age, birth
 * date, ethnic category and NHS number follow from their index, so the same person drawn
 * twice is the same patient.
 */
export class Population {
  /** The ICS's local authorities (`Person.laIndex` indexes them). */
  readonly laCodes: string[] = [];
  /** Each local authority's factor on discharge delays (its social care capacity). */
  readonly laDelayFactors: number[] = [];
  /** Mean attendances an hour, before the hour-of-day, weekday and seasonal profiles. */
  readonly perHour: number;
  private readonly icsIndex: number;
  private readonly cumulative: Float64Array;
  private readonly cellLsoa: Int32Array;
  private readonly cellBand: Uint8Array;
  private readonly cellSex: Uint8Array;
  private readonly cellEthnic: Uint8Array;
  private readonly cellPersons: Int32Array;
  private readonly cellOffset: Int32Array;
  private readonly lsoaCodes: string[] = [];
  private readonly lsoaDecile: number[] = [];
  private readonly lsoaLa: number[] = [];

  constructor(reference: SyntheticReference, icsCode: string, icsIndex: number) {
    this.icsIndex = icsIndex;
    const las = reference.localAuthorities.filter((la) => la.ics_code === icsCode);
    las.forEach((la, i) => {
      this.laCodes.push(la.la_code!);
      this.laDelayFactors.push(0.7 + (0.8 * ((i * 3 + icsIndex) % 4)) / 3);
    });
    const lsoaIndex = new Map<string, number>();
    for (const row of reference.lsoas) {
      if (row.ics_code !== icsCode) continue;
      lsoaIndex.set(row.lsoa_code!, this.lsoaCodes.length);
      this.lsoaCodes.push(row.lsoa_code!);
      this.lsoaDecile.push(Number(row.imd_decile));
      this.lsoaLa.push(Math.max(0, this.laCodes.indexOf(row.la_code!)));
    }
    const rows = reference.population.filter((r) => lsoaIndex.has(r[0]));
    const n = rows.length;
    this.cumulative = new Float64Array(n);
    this.cellLsoa = new Int32Array(n);
    this.cellBand = new Uint8Array(n);
    this.cellSex = new Uint8Array(n);
    this.cellEthnic = new Uint8Array(n);
    this.cellPersons = new Int32Array(n);
    this.cellOffset = new Int32Array(n);
    const bandIndex = new Map<string, number>(ageBands.map((b, i) => [b, i]));
    let total = 0;
    let persons = 0;
    rows.forEach((r, i) => {
      const lsoa = lsoaIndex.get(r[0])!;
      const band = bandIndex.get(r[1]) ?? 0;
      this.cellLsoa[i] = lsoa;
      this.cellBand[i] = band;
      this.cellSex[i] = r[2] === 'F' ? 2 : 1;
      this.cellEthnic[i] = Math.max(0, ethnicGroups.indexOf(r[3] as (typeof ethnicGroups)[number]));
      this.cellPersons[i] = r[4];
      this.cellOffset[i] = persons;
      persons += r[4];
      total += r[4] * attendanceWeight(band, this.lsoaDecile[lsoa]!);
      this.cumulative[i] = total;
    });
    this.perHour = (attendancesPerPersonYear * persons) / 8766;
  }

  /** Draws the next person to attend: a cell by its weight, then one of the cell's people. */
  draw(random: Random): Person {
    const cell = random.pickCumulative(this.cumulative);
    const index = this.cellOffset[cell]! + random.int(this.cellPersons[cell]!);
    const global = this.icsIndex * 2_000_000 + index;
    const h = mix(global);
    const band = this.cellBand[cell]!;
    const age = band === 18 ? 90 + (h % 9) : band * 5 + (h % 5);
    const lsoa = this.cellLsoa[cell]!;
    const group = ethnicGroups[this.cellEthnic[cell]!]!;
    const cats = ethnicCategories[group]!;
    const e = (h >>> 8) % 100;
    const ethnicCategory = e < 4 ? 'Z' : e < 5 ? '99' : cats[(h >>> 16) % cats.length]!;
    const month = 1 + ((h >>> 4) % 12);
    const dayOfMonth = 1 + ((h >>> 12) % 28);
    return {
      index: global,
      age,
      sexCode: this.cellSex[cell] === 2 ? '2' : '1',
      ethnicCategory,
      lsoaCode: this.lsoaCodes[lsoa]!,
      decile: this.lsoaDecile[lsoa]!,
      laIndex: this.lsoaLa[lsoa]!,
      nhsNumber: nhsNumberFor(global),
      birthMonthDay: String(month).padStart(2, '0') + String(dayOfMonth).padStart(2, '0'),
    };
  }
}
