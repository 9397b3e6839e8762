export { quotedIdentifier } from './quoted-identifier.js';
export { quotedString } from './quoted-string.js';
export { splitSqlScript } from './split-sql-script.js';
