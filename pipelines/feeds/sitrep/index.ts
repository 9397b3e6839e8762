export { sitrepFeed } from './sitrep-feed.js';
