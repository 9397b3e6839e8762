export { aeMonthlyFeed } from './ae-monthly-feed.js';
