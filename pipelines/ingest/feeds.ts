import { adtFeed } from '../feeds/adt/index.js';
import { aeMonthlyFeed } from '../feeds/ae-monthly/index.js';
import { aeFeed } from '../feeds/ae/index.js';
import { dischargeFeed } from '../feeds/discharge/index.js';
import type { Feed, FeedName } from '../feeds/feed.js';
import { sitrepFeed } from '../feeds/sitrep/index.js';

/** The feeds the engine can load, by name (each feed's pipelines/feeds/<feed>/index.ts). */
export const feedRegistry: Partial<Record<FeedName, Feed>> = {
  ae: aeFeed,
  adt: adtFeed,
  sitrep: sitrepFeed,
  discharge: dischargeFeed,
  'ae-monthly': aeMonthlyFeed,
};

/** The feed called `name`, from `registry` (default: feedRegistry); throws if it has no loader. */
export function feedFor(
  name: FeedName,
  registry: Partial<Record<FeedName, Feed>> = feedRegistry,
): Feed {
  const feed = registry[name];
  if (!feed) {
    const known = Object.keys(registry).join(', ') || 'none';
    throw new Error(`no loader for feed '${name}' (loaders available: ${known})`);
  }
  return feed;
}
