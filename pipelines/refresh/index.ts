export {
  enqueueTouched,
  readQueue,
  clearQueue,
  lastQueued,
  type KeyQueue,
  type QueuedKeys,
} from './refresh-queue.js';
export { refreshQueued, refreshEverything } from './refresh-queued.js';
