export {
  createWriter,
  type BacklogProgress,
  type RefreshStep,
  type Writer,
  type WriterOptions,
} from './create-writer.js';
export { writerEventTypes, type WriterEventType } from './writer-event.js';
