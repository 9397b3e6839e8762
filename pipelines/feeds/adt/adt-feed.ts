import { timestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { FeedError, type Feed, type FeedContext, type FeedLoadResult } from '../feed.js';
import { deriveSpell, type BedEvent } from './derive-spell.js';
import { londonDay } from './london-time.js';
import { maskNhsNumbers } from './mask-nhs-numbers.js';
import { pseudonymise } from '../../nhs-number/index.js';
import { parseAdtMessage, type AdtMessage } from './parse-adt-message.js';
import type { AdtReject } from './reasons.js';
import { splitAdtMessages } from './split-adt-messages.js';

/**
 * The ADT feed loader. Inside the caller's transaction it stores each new message in
 * bed_event (keyed by MSH-10; a control id already stored, or repeated in the file, is a
 * duplicate), quarantines the rest with a reason (line_number = the message's position in the
 * file, raw text with NHS numbers masked), then recomputes spell and ward_stay for every spell
 * a new message belongs to from all its stored events in event order. Throws FeedError
 * `empty_file` or `not_hl7` for a file with no message in it at all.
 */
export const adtFeed: Feed = {
  name: 'adt',
  load: loadAdt,
};

/**
 * `column` is one of the values in $1, a newline-joined list (no value can hold a newline:
 * the splitter ends segments there). One string parameter split in SQL binds about twice as
 * fast as a LIST of tens of thousands of strings (DuckDB 1.5 node-api); for a few values a
 * list_contains filter plans in half the time of the semi-join, which a long list needs.
 */
function inList(column: string, count: number): string {
  return count <= 64
    ? `list_contains(string_split($1, chr(10)), ${column})`
    : `${column} IN (SELECT unnest(string_split($1, chr(10))))`;
}

interface QuarantineRow extends AdtReject {
  line_number: number;
  raw_text: string;
}

async function loadAdt(context: FeedContext): Promise<FeedLoadResult> {
  const texts = splitAdtMessages(context.text);
  if (texts.length === 0) throw new FeedError('empty_file', 'the file holds no HL7 segments');
  if (!texts.some((text) => text.startsWith('MSH'))) {
    throw new FeedError('not_hl7', 'the file holds no MSH segment: it is not HL7 v2');
  }
  const { connection } = context;
  const parsed = texts.map(parseAdtMessage);
  const accepted = parsed.flatMap((result) => ('message' in result ? [result.message] : []));
  const sites = await readSites(connection, unique(accepted.map((m) => m.sending_facility)));
  const wards = await readWards(connection, [...sites.keys()]);
  const stored = await readStoredControlIds(connection, unique(accepted.map((m) => m.control_id)));

  const quarantine: QuarantineRow[] = [];
  const events: BedEvent[] = [];
  const eventRows: Array<{ event: BedEvent; message: AdtMessage }> = [];
  const pseudonyms = new Map<string, string>();
  let duplicate = 0;
  parsed.forEach((result, index) => {
    const line_number = index + 1;
    const problem = 'reject' in result ? result.reject : null;
    if (problem !== null) {
      quarantine.push({ ...problem, line_number, raw_text: quarantineText(texts[index]!) });
      return;
    }
    const message = (result as { message: AdtMessage }).message;
    if (stored.has(message.control_id)) {
      duplicate += 1;
      return;
    }
    const invalid = checkReference(message, sites, wards);
    if (invalid !== null) {
      quarantine.push({ ...invalid, line_number, raw_text: quarantineText(texts[index]!) });
      return;
    }
    stored.add(message.control_id);
    const event = toBedEvent(message, context.pseudonymKeyHex, pseudonyms);
    events.push(event);
    eventRows.push({ event, message });
  });

  await appendBedEvents(connection, eventRows, context);
  await appendQuarantine(connection, quarantine, context);
  const spellEvents = await rebuildSpells(connection, events, sites, context);

  // The days whose facts changed: each new event's, and those of every row of the spells
  // rebuilt for them (their admission and ward stays can start days or months before).
  const siteDays = new Map<string, { site_code: string; day: string }>();
  for (const event of spellEvents) {
    for (const at of [event.event_at, event.admitted_at]) {
      if (at === null) continue;
      const day = londonDay(at);
      siteDays.set(`${event.sending_facility}|${day}`, { site_code: event.sending_facility, day });
    }
  }
  context.log.info('adt file loaded', {
    file: context.fileName,
    rowsIn: texts.length,
    loaded: events.length,
    quarantined: quarantine.length,
    duplicate,
  });
  return {
    rowsIn: texts.length,
    loaded: events.length,
    quarantined: quarantine.length,
    duplicate,
    touched: { siteDays: [...siteDays.values()], months: [] },
  };
}

/** Raw text for quarantine: NHS numbers masked, cut at 64 KiB (a non-HL7 file can be large). */
function quarantineText(text: string): string {
  const masked = maskNhsNumbers(text);
  return masked.length > 65_536 ? `${masked.slice(0, 65_536)}…` : masked;
}

function checkReference(
  message: AdtMessage,
  sites: Map<string, string>,
  wards: Map<string, Set<string>>,
): AdtReject | null {
  const site = message.sending_facility;
  if (!sites.has(site)) {
    return {
      reason_code: 'unknown_facility',
      detail:
        site === ''
          ? 'MSH-4 sending facility is empty'
          : `MSH-4 ${JSON.stringify(site)} is not a site in the org table`,
    };
  }
  const siteWards = wards.get(site);
  for (const [field, ward] of [
    ['PV1-3', message.ward_code],
    ['PV1-6', message.prior_ward_code],
  ] as const) {
    if (ward !== null && !siteWards?.has(ward)) {
      return {
        reason_code: 'unknown_ward',
        detail: `${field} ward ${JSON.stringify(ward)} is not a ward of site ${site}`,
      };
    }
  }
  return null;
}

function toBedEvent(
  message: AdtMessage,
  keyHex: string,
  pseudonyms: Map<string, string>,
): BedEvent & { room: string | null; prior_ward_code: string | null } {
  let patient_id: string | null = null;
  if (message.nhs_number !== null) {
    patient_id = pseudonyms.get(message.nhs_number) ?? null;
    if (patient_id === null) {
      patient_id = pseudonymise(message.nhs_number, keyHex);
      pseudonyms.set(message.nhs_number, patient_id);
    }
  }
  return {
    message_control_id: message.control_id,
    event_type: message.event_type,
    event_at: message.event_at,
    message_at: message.message_at,
    sending_facility: message.sending_facility,
    spell_id: message.spell_id,
    patient_id,
    patient_class: message.patient_class,
    ward_code: message.ward_code,
    room: message.room,
    bed: message.bed,
    prior_ward_code: message.prior_ward_code,
    admitted_at: message.admitted_at,
    discharged_at: message.discharged_at,
    age_years: ageInYears(message.date_of_birth, message.admitted_at ?? message.event_at),
    sex: message.sex,
  };
}

/** Whole years from a date of birth to the Europe/London day of `at`. */
function ageInYears(dateOfBirth: string | null, at: Date): number | null {
  if (dateOfBirth === null) return null;
  const day = londonDay(at);
  let age = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (day.slice(5) < dateOfBirth.slice(5)) age -= 1;
  return age >= 0 && age <= 130 ? age : null;
}

/** Site code → trust code, for the sites among `codes`. */
async function readSites(
  connection: DuckDBConnection,
  codes: string[],
): Promise<Map<string, string>> {
  const reader = await connection.runAndReadAll(
    `SELECT org_code, coalesce(trust_code, parent_code) AS trust_code FROM org
     WHERE org_type = 'site' AND ${inList('org_code', codes.length)}`,
    [codes.join('\n')],
  );
  return new Map(reader.getRowsJS().map(([code, trust]) => [String(code), String(trust ?? '')]));
}

/** Site code → its ward codes. */
async function readWards(
  connection: DuckDBConnection,
  sites: string[],
): Promise<Map<string, Set<string>>> {
  const reader = await connection.runAndReadAll(
    `SELECT site_code, ward_code FROM ward WHERE ${inList('site_code', sites.length)}`,
    [sites.join('\n')],
  );
  const wards = new Map<string, Set<string>>();
  for (const [site, ward] of reader.getRowsJS()) {
    const set = wards.get(String(site)) ?? new Set<string>();
    set.add(String(ward));
    wards.set(String(site), set);
  }
  return wards;
}

async function readStoredControlIds(
  connection: DuckDBConnection,
  ids: string[],
): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(
    `SELECT message_control_id FROM bed_event WHERE ${inList('message_control_id', ids.length)}`,
    [ids.join('\n')],
  );
  return new Set(reader.getRowsJS().map(([id]) => String(id)));
}

async function appendBedEvents(
  connection: DuckDBConnection,
  rows: Array<{ event: BedEvent; message: AdtMessage }>,
  context: FeedContext,
): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender('bed_event');
  const ingestedAt = toTimestamp(context.now);
  for (const { event, message } of rows) {
    appender.appendVarchar(event.message_control_id);
    appender.appendVarchar(event.event_type);
    appender.appendTimestamp(toTimestamp(event.event_at));
    appender.appendTimestamp(toTimestamp(event.message_at));
    appender.appendVarchar(event.sending_facility);
    appender.appendVarchar(event.spell_id);
    appendText(appender, event.patient_id);
    appendText(appender, event.patient_class);
    appendText(appender, event.ward_code);
    appendText(appender, message.room);
    appendText(appender, event.bed);
    appendText(appender, message.prior_ward_code);
    appendTime(appender, event.admitted_at);
    appendTime(appender, event.discharged_at);
    if (event.age_years === null) appender.appendNull();
    else appender.appendSmallInt(event.age_years);
    appendText(appender, event.sex);
    appender.appendBigInt(context.fileId);
    appender.appendTimestamp(ingestedAt);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

async function appendQuarantine(
  connection: DuckDBConnection,
  rows: QuarantineRow[],
  context: FeedContext,
): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender('quarantine');
  for (const row of rows) {
    appender.appendBigInt(context.fileId);
    appender.appendVarchar('adt');
    appender.appendBigInt(BigInt(row.line_number));
    appender.appendVarchar(row.reason_code);
    appender.appendVarchar(row.detail);
    appender.appendVarchar(row.raw_text);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

/**
 * Recomputes spell and ward_stay for every spell with a new event: the new events are in
 * memory, earlier ones are read back from bed_event (only those from other files). Returns
 * every event of the rebuilt spells.
 */
async function rebuildSpells(
  connection: DuckDBConnection,
  newEvents: BedEvent[],
  sites: Map<string, string>,
  context: FeedContext,
): Promise<BedEvent[]> {
  if (newEvents.length === 0) return [];
  const bySpell = new Map<string, BedEvent[]>();
  for (const event of newEvents) {
    const list = bySpell.get(event.spell_id);
    if (list) list.push(event);
    else bySpell.set(event.spell_id, [event]);
  }
  const spellIds = [...bySpell.keys()];
  for (const event of await readEarlierEvents(connection, spellIds, context.fileId)) {
    bySpell.get(event.spell_id)!.push(event);
  }
  const ids = spellIds.join('\n');
  await connection.run(`DELETE FROM ward_stay WHERE ${inList('spell_id', spellIds.length)}`, [ids]);
  await connection.run(`DELETE FROM spell WHERE ${inList('spell_id', spellIds.length)}`, [ids]);

  const derived = [...bySpell.values()].flatMap((events) => {
    const spell = deriveSpell(events);
    return spell === null ? [] : [spell];
  });
  const missingSites = unique(derived.map((s) => s.site_code).filter((code) => !sites.has(code)));
  const allSites = new Map([...sites, ...(await readSites(connection, missingSites))]);

  const spells = await connection.createAppender('spell');
  const stays = await connection.createAppender('ward_stay');
  const updatedAt = toTimestamp(context.now);
  for (const spell of derived) {
    spells.appendVarchar(spell.spell_id);
    appendText(spells, spell.patient_id);
    spells.appendVarchar(allSites.get(spell.site_code) ?? '');
    spells.appendVarchar(spell.site_code);
    appendText(spells, spell.patient_class);
    spells.appendVarchar(spell.status);
    appendTime(spells, spell.admitted_at);
    appendTime(spells, spell.discharged_at);
    appendText(spells, spell.ward_code);
    appendText(spells, spell.bed);
    if (spell.age_years === null) spells.appendNull();
    else spells.appendSmallInt(spell.age_years);
    appendText(spells, spell.sex);
    spells.appendTimestamp(toTimestamp(spell.last_event_at));
    spells.appendTimestamp(updatedAt);
    spells.endRow();
    for (const stay of spell.stays) {
      stays.appendVarchar(spell.spell_id);
      stays.appendVarchar(stay.ward_code);
      appendText(stays, stay.bed);
      stays.appendTimestamp(toTimestamp(stay.from_at));
      appendTime(stays, stay.to_at);
      stays.endRow();
    }
  }
  spells.flushSync();
  spells.closeSync();
  stays.flushSync();
  stays.closeSync();
  return [...bySpell.values()].flat();
}

async function readEarlierEvents(
  connection: DuckDBConnection,
  spellIds: string[],
  fileId: bigint,
): Promise<BedEvent[]> {
  const reader = await connection.runAndReadAll(
    `SELECT message_control_id, event_type, epoch_ms(event_at)::DOUBLE, epoch_ms(message_at)::DOUBLE,
            sending_facility, spell_id, patient_id, patient_class, ward_code, bed,
            epoch_ms(admitted_at)::DOUBLE, epoch_ms(discharged_at)::DOUBLE, age_years::DOUBLE, sex
     FROM bed_event
     WHERE ${inList('spell_id', spellIds.length)} AND source_file_id <> $2`,
    [spellIds.join('\n'), fileId],
  );
  if (reader.currentRowCount === 0) return [];
  // Columns rather than row objects: several times faster to read back (DuckDB 1.5 node-api).
  const [
    ids,
    types,
    eventAt,
    messageAt,
    facility,
    spell,
    patient,
    cls,
    ward,
    bed,
    admit,
    discharge,
    age,
    sex,
  ] = reader.getColumnsJS() as unknown as [
    string[],
    BedEvent['event_type'][],
    number[],
    number[],
    string[],
    string[],
    Array<string | null>,
    Array<string | null>,
    Array<string | null>,
    Array<string | null>,
    Array<number | null>,
    Array<number | null>,
    Array<number | null>,
    Array<string | null>,
  ];
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return ids.map((id, i) => ({
    message_control_id: id,
    event_type: types[i]!,
    event_at: new Date(eventAt[i]!),
    message_at: new Date(messageAt[i]!),
    sending_facility: facility[i]!,
    spell_id: spell[i]!,
    patient_id: patient[i]!,
    patient_class: cls[i]!,
    ward_code: ward[i]!,
    bed: bed[i]!,
    admitted_at: date(admit[i]!),
    discharged_at: date(discharge[i]!),
    age_years: age[i]!,
    sex: sex[i]!,
  }));
}

function toTimestamp(date: Date) {
  return timestampValue(BigInt(date.getTime()) * 1000n);
}

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendTime(appender: DuckDBAppender, value: Date | null): void {
  if (value === null) appender.appendNull();
  else appender.appendTimestamp(toTimestamp(value));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
