import type { Warehouse } from '../../../pipelines/warehouse/index.js';
import { openAdtWarehouse } from '../feeds/adt/adt-test-kit.js';

/** An instant as HL7 writes it (UTC, `+0000`). */
export const hl7Time = (t: number) =>
  new Date(t).toISOString().slice(0, 19).replace(/[-T:]/g, '') + '+0000';

/** An instant as a DuckDB TIMESTAMP literal (UTC). */
export const sqlTime = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A warehouse with one type 1 site, XT101 of trust XT1 in ICS XQT, whose A&E feed has a walk-in
 * every six hours from `aeFrom` to `at` (so the site has arrivals in any fitting window).
 */
export async function openScenarioSite(aeFrom: number, at: number): Promise<Warehouse> {
  const warehouse = await openAdtWarehouse();
  await warehouse.connection.run(
    `UPDATE org SET ics_code = 'XQT', department_type = '01' WHERE org_code IN ('XT1', 'XT101')`,
  );
  await warehouse.connection.run(
    `INSERT INTO ae_attendance (attendance_id, trust_code, site_code, department_type,
       attendance_category, arrived_at, arrival_mode, attendance_source, is_booked,
       decided_to_admit_at, departed_at, disposal, ethnic_group, source_file_id, ingested_at)
     SELECT 'W' || CAST(epoch(t) AS BIGINT), 'XT1', 'XT101', '01', '1', t, 'walk_in', 'self', false,
       NULL, t + INTERVAL 2 HOUR, 'discharged', 'Unknown', 0, $2::TIMESTAMP
     FROM unnest(generate_series($1::TIMESTAMP, $2::TIMESTAMP - INTERVAL 6 HOUR, INTERVAL 6 HOUR)) AS g(t)`,
    [sqlTime(aeFrom), sqlTime(at)],
  );
  return warehouse;
}
