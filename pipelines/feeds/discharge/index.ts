export { dischargeFeed } from './discharge-feed.js';
