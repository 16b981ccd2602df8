// Starts the notifier from the environment.
import { runService } from '@ledarsteg/service-kit';
import { buildApp, SERVICE } from './app.js';
import { NotifierConfig } from './config.js';

await runService({ service: SERVICE, configSchema: NotifierConfig, build: (config) => buildApp({ config }) });
