export { aeFeed } from './ae-feed.js';
