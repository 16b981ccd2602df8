// Public entry of the notifier: its app factory and config schema, for embedding and whole-system tests.
export { buildApp, type NotifierDeps, SERVICE } from './app.js';
export { NotifierConfig } from './config.js';
