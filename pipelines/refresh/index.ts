export { enqueueTouched, readQueue, clearQueue, type QueuedKeys } from './refresh-queue.js';
export { refreshQueued, refreshEverything } from './refresh-queued.js';
