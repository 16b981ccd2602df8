// Public entry of the analyser: its app factory and configuration.
export { buildApp, SERVICE } from './app.js';
export { AnalyserConfig } from './config.js';
