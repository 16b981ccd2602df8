// Public entry of the coach service: its app factory and config schema, for embedding and whole-system tests.
export { buildApp, SERVICE } from './app.js';
export { CoachConfig } from './config.js';
