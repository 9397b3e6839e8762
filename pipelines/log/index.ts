export { consoleLogger } from './console-logger.js';
