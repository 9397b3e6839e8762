export { decodeWindows1252 } from './decode-windows-1252.js';
