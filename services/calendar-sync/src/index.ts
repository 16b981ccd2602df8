// Public entry of calendar-sync: its app factory and configuration.
export { buildApp, SERVICE } from './app.js';
export { CalendarSyncConfig } from './config.js';
