export { quotedIdentifier } from './quoted-identifier.js';
export { splitSqlScript } from './split-sql-script.js';
