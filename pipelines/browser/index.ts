export { chromiumPath } from './chromium-path.js';
