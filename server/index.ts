export { createApp, type ObservatoryApp } from './create-app.js';
export { serveApp, type RunningServer } from './serve-app.js';
export { EventHub, eventTypes, type EventType, type HubEvent } from './events/event-hub.js';
export { ensureLocalAccess } from './auth/ensure-local-access.js';
export type { AppDeps, IndicatorDefinition, SeriesPoint, XmrOptions } from './app-deps.js';
