// Opens (creates and migrates) the warehouse file given, says "open" and then kills itself
// without closing: what a power cut right after start-up leaves. Usage: open-and-die.ts DB
import { openWarehouse } from '../../../pipelines/warehouse/open-warehouse.js';

const [dbPath] = process.argv.slice(2) as [string];
await openWarehouse(dbPath);
process.stdout.write('open\n');
process.kill(process.pid, 'SIGKILL');
