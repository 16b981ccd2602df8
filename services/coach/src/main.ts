// Starts the coach service from the environment.
import { runService } from '@ledarsteg/service-kit';
import { buildApp, SERVICE } from './app.js';
import { CoachConfig } from './config.js';

await runService({ service: SERVICE, configSchema: CoachConfig, build: (config) => buildApp({ config }) });
