export { createApp, type ObservatoryApp } from './create-app.js';
export { serveApp, type RunningServer } from './serve-app.js';
export { EventHub, eventTypes, type EventType, type HubEvent } from './events/event-hub.js';
export { ensureLocalAccess } from './auth/ensure-local-access.js';
export type { AppDeps, StartupState } from './app-deps.js';
export { apiSettingsFrom } from './http/api-settings.js';
export { authSettingsFrom } from './auth/sign-in-settings.js';
