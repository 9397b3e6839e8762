export { openWarehouse, connectTo, type Warehouse, type OpenOptions } from './open-warehouse.js';
export { migrate, listMigrations, schemaVersion, type Migration } from './migrate.js';
export {
  seedReference,
  referenceTables,
  ReferenceFileError,
  type SeedResult,
} from './seed-reference.js';
export { exportLake, lakeTables, type LakeExportResult, type LakeTable } from './lake/index.js';
export { refreshOrgFeedSpan } from './org-feed-span.js';
