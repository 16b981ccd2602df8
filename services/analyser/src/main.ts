// Starts the analyser from the environment.
import { runService } from '@ledarsteg/service-kit';
import { buildApp, SERVICE } from './app.js';
import { AnalyserConfig } from './config.js';

await runService({ service: SERVICE, configSchema: AnalyserConfig, build: (config) => buildApp({ config }) });
