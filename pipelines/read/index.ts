export { AccessError } from './access-error.js';
export { contractColumns, type ContractName, type DisclosureStatement } from './contracts.js';
export type * from './contracts.js';
export { applyDisclosure, unitKindOf, type UnitKind } from './disclosure/apply-disclosure.js';
export { controlCount } from './disclosure/control-count.js';
export { controlledSummary } from './disclosure/controlled-summary.js';
export {
  defaultDisclosureRule,
  disclosureHeader,
  disclosureRuleFrom,
  disclosureStatement,
  type DisclosureRule,
} from './disclosure/disclosure-rule.js';
export {
  isRole,
  operationalRoles,
  roles,
  type Person,
  type Principal,
  type Role,
} from './principal.js';
export type { ValuesCursor } from './queries/indicator-queries.js';
export { auditQuery } from './queries/org-queries.js';
export { Reader, withheldForDisclosure, type ReaderTools, type SeriesSpc } from './reader.js';
export { periodDay } from './period-day.js';
export {
  QueryError,
  emptyTable,
  isoDate,
  isoInstant,
  queryTable,
  rowsOf,
  typedRowsOf,
  type ColumnKind,
  type ColumnValues,
  type ResultTable,
} from './result-table.js';
export { scopeClause } from './scope-clause.js';
export { sql, type SqlParameter, type SqlQuery } from './sql.js';
export { visibleEvent, type LiveEvent, type OrgPlaces } from './visible-event.js';
export { requireVisibleOrg } from './visible-org.js';
