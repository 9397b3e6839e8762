import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import { adtFeed, parseAdtMessage, splitAdtMessages } from '../pipelines/feeds/adt/index.js';
import type { Logger } from '../pipelines/feeds/feed.js';
import {
  adtIngestStore,
  frameMllp,
  MllpFramer,
  startMllpListener,
} from '../pipelines/mllp/index.js';
import { openWarehouse } from '../pipelines/warehouse/open-warehouse.js';

const command = 'npx tsx bench/adt.bench.ts';
const keyHex = 'ab'.repeat(32);
const quiet: Logger = { info() {}, warn() {}, error() {} };
const sites = ['XB101', 'XB102', 'XB103'];
const wardsPerSite = 12;

export interface AdtBenchResult {
  messages: number;
  parseOnlyPerSecond: number;
  filePerSecond: number;
  fileSeconds: number;
  /** CPU seconds of this process (all threads) for the file load: less sensitive to other load. */
  fileCpuSeconds: number;
  secondFileMessages: number;
  secondFilePerSecond: number;
  mllpPipelinedPerSecond: number;
  mllpPipelinedMessages: number;
  mllpSendAndWaitPerSecond: number;
}

/**
 * ADT messages per second through the file path (adtFeed.load on a generated file of 60,000
 * messages in one transaction, then a second file of corrections onto that history) and
 * through the MLLP path (loopback clients; a store that loads each batch in a transaction).
 */
export async function run(): Promise<AdtBenchResult> {
  const messages = generateMessages(15_000, 1);
  const text = messages.join('\r');

  let started = performance.now();
  for (const message of splitAdtMessages(text)) parseAdtMessage(message);
  const parseOnlyPerSecond = messages.length / ((performance.now() - started) / 1000);

  const warehouse = await openWarehouse(':memory:', { threads: 2 });
  await seedReference(warehouse.connection);
  started = performance.now();
  const cpu = process.cpuUsage();
  const first = await loadFile(warehouse.connection, 'bench-1.hl7', text);
  const fileSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const fileCpuSeconds = (used.user + used.system) / 1e6;
  if (first.loaded !== messages.length)
    throw new Error(`loaded ${first.loaded} of ${messages.length}`);

  const corrections = generateMessages(2_500, 2, 7_000);
  started = performance.now();
  await loadFile(warehouse.connection, 'bench-2.hl7', corrections.join('\r'));
  const secondSeconds = (performance.now() - started) / 1000;
  warehouse.close();

  const mllp = await benchMllp();
  const result: AdtBenchResult = {
    messages: messages.length,
    parseOnlyPerSecond,
    filePerSecond: messages.length / fileSeconds,
    fileSeconds,
    fileCpuSeconds,
    secondFileMessages: corrections.length,
    secondFilePerSecond: corrections.length / secondSeconds,
    ...mllp,
  };
  const rate = (n: number) => `${Math.round(n).toLocaleString('en-GB')} msg/s`;
  console.log(`ADT benchmark (${command}); load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`  parse only (split + parseAdtMessage):      ${rate(parseOnlyPerSecond)}`);
  console.log(
    `  file path, ${messages.length.toLocaleString('en-GB')} messages, one transaction: ${rate(result.filePerSecond)} (${fileSeconds.toFixed(2)} s)`,
  );
  console.log(
    `    (${fileCpuSeconds.toFixed(2)} CPU s: ${rate(messages.length / fileCpuSeconds)} per CPU second)`,
  );
  console.log(
    `  file path, ${corrections.length.toLocaleString('en-GB')} messages onto that history:  ${rate(result.secondFilePerSecond)}`,
  );
  console.log(
    `  MLLP, 4 connections pipelining (${mllp.mllpPipelinedMessages.toLocaleString('en-GB')} ACKed): ${rate(mllp.mllpPipelinedPerSecond)}`,
  );
  console.log(
    `  MLLP, one connection, send and wait for each ACK: ${rate(mllp.mllpSendAndWaitPerSecond)}`,
  );
  return result;
}

/** Spells of A01, A02, A02, A08, A03 (with an A12 or A13 now and then), in event order. */
function generateMessages(spells: number, seed: number, spellOffset = 0): string[] {
  let state = seed * 2654435761;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const base = Date.UTC(2025, 5, 1);
  const out: Array<{ at: number; text: string }> = [];
  for (let s = 0; s < spells; s += 1) {
    const spell = spellOffset + s;
    const site = sites[spell % sites.length]!;
    const ward = () =>
      `${site}W${String(1 + Math.floor(random() * wardsPerSite)).padStart(2, '0')}`;
    const nhs = nhsNumber(spell);
    let at = base + Math.floor(random() * 30 * 86_400_000);
    const admit = at;
    const events: Array<[string, number, string]> = [['A01', at, ward()]];
    for (const event of ['A02', 'A02', 'A08', 'A03']) {
      at += Math.floor(random() * 2 * 86_400_000) + 60_000;
      events.push([event, at, ward()]);
      if (event === 'A02' && random() < 0.05) events.push(['A12', (at += 600_000), '']);
    }
    if (random() < 0.03) events.push(['A13', at + 900_000, '']);
    events.forEach(([event, time, location], index) => {
      out.push({
        at: time,
        text: hl7(
          event,
          `${seed}-${spell}-${index}`,
          time,
          site,
          `SP${spell}`,
          nhs,
          location,
          admit,
        ),
      });
    });
  }
  return out.sort((a, b) => a.at - b.at).map((m) => m.text);
}

function hl7(
  event: string,
  id: string,
  at: number,
  site: string,
  visit: string,
  nhs: string,
  ward: string,
  admit: number,
): string {
  const time = hl7Time(at);
  const location = ward === '' ? '' : `${ward}^^B${id.length % 20}^${site}`;
  return [
    `MSH|^~\\&|PAS|${site}|OBSERVATORY|ICS|${time}||ADT^${event}^ADT_A01|${id}|P|2.4`,
    `EVN|${event}|${time}||||${time}`,
    `PID|1||${nhs}^^^NHS^NH~${id}^^^${site}^MR||SURNAME^GIVEN||19560412|F`,
    `PV1|1|I|${location}||||||||||||||||${visit}|||||||||||||||||||||||||${hl7Time(admit)}|`,
  ].join('\r');
}

function hl7Time(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, '')}+0000`;
}

function nhsNumber(index: number): string {
  for (let k = index % 900_000; ; k += 1) {
    const stem = `999${String(k).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i += 1) sum += Number(stem[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check !== 10) return stem + String(check === 11 ? 0 : check);
  }
}

async function seedReference(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    "INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code) VALUES ('XB1', 'Bench Trust', 'trust', 'XQB', 'XB1')",
  );
  for (const site of sites) {
    await connection.run(
      "INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code) VALUES ($1, 'Bench site', 'site', 'XB1', 'XB1')",
      [site],
    );
    await connection.run(
      `INSERT INTO ward (ward_code, site_code, ward_name, bed_type, core_beds)
       SELECT $1 || 'W' || lpad(i::VARCHAR, 2, '0'), $1, 'Bench ward', 'adult_ga', 30 FROM range(1, $2 + 1) t(i)`,
      [site, wardsPerSite],
    );
  }
}

let fileNumber = 0;

/** Ledger row, BEGIN, adtFeed.load, COMMIT: what the ingest engine does for one file. */
async function loadFile(connection: DuckDBConnection, name: string, text: string) {
  fileNumber += 1;
  const reader = await connection.runAndReadAll(
    `INSERT INTO ingest_file (feed, file_name, sha256, bytes, status, received_at)
     VALUES ('adt', $1, $2, $3, 'loaded', now()::TIMESTAMP) RETURNING file_id`,
    [name, `bench-${fileNumber}`, text.length],
  );
  const fileId = reader.getRowsJS()[0]![0] as bigint;
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await adtFeed.load({
      connection,
      fileId,
      fileName: name,
      text,
      textPath: '',
      now: new Date(),
      pseudonymKeyHex: keyHex,
      log: quiet,
    });
    await connection.run('COMMIT');
    return { ...result, fileId };
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

async function benchMllp(): Promise<{
  mllpPipelinedPerSecond: number;
  mllpPipelinedMessages: number;
  mllpSendAndWaitPerSecond: number;
}> {
  const warehouse = await openWarehouse(':memory:', { threads: 2 });
  await seedReference(warehouse.connection);
  const { connection } = warehouse;
  const store = adtIngestStore({
    connection,
    ingest: async (name, bytes) => {
      const { fileId } = await loadFile(connection, name, Buffer.from(bytes).toString('utf8'));
      return { fileId, status: 'loaded' };
    },
  });
  const listener = await startMllpListener({ port: 0, store, log: quiet });
  try {
    const messages = generateMessages(8_000, 3, 100_000);
    const perClient = Math.floor(messages.length / 4);
    let started = performance.now();
    const counts = await Promise.all(
      [0, 1, 2, 3].map((c) =>
        sendPipelined(
          listener.port,
          messages.slice(c * perClient, (c + 1) * perClient),
          200,
          20_000,
        ),
      ),
    );
    const pipelined = counts.reduce((a, b) => a + b, 0);
    const pipelinedSeconds = (performance.now() - started) / 1000;

    const single = generateMessages(400, 4, 200_000);
    started = performance.now();
    const sent = await sendPipelined(listener.port, single, 1, 5_000);
    const singleSeconds = (performance.now() - started) / 1000;
    return {
      mllpPipelinedPerSecond: pipelined / pipelinedSeconds,
      mllpPipelinedMessages: pipelined,
      mllpSendAndWaitPerSecond: sent / singleSeconds,
    };
  } finally {
    await listener.close();
    warehouse.close();
  }
}

/** Sends messages keeping at most `window` un-ACKed; stops at `limitMs`. Returns ACKs seen. */
function sendPipelined(
  port: number,
  messages: string[],
  window: number,
  limitMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const framer = new MllpFramer(1 << 20);
    let sent = 0;
    let acked = 0;
    const deadline = performance.now() + limitMs;
    const finish = () => {
      socket.destroy();
      resolve(acked);
    };
    const pump = () => {
      let batch = '';
      while (sent < messages.length && sent - acked < window && performance.now() < deadline) {
        batch += frameMllp(messages[sent]!);
        sent += 1;
      }
      if (batch !== '') socket.write(batch);
    };
    socket.on('connect', pump);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      for (const event of framer.push(chunk)) {
        if (event.kind !== 'frame') continue;
        acked += 1;
        if (!event.bytes.includes('MSA|AA|'))
          reject(new Error(`not accepted: ${event.bytes.toString()}`));
      }
      if (acked === messages.length || (acked === sent && performance.now() >= deadline)) finish();
      else pump();
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
