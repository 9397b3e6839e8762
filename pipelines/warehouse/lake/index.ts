export { exportLake, touchedMonths, type LakeExportResult } from './export-lake.js';
export { lakeTables, type LakeTable } from './lake-tables.js';
