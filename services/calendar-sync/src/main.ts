// Starts calendar-sync from the environment.
import { runService } from '@ledarsteg/service-kit';
import { buildApp, SERVICE } from './app.js';
import { CalendarSyncConfig } from './config.js';

await runService({ service: SERVICE, configSchema: CalendarSyncConfig, build: (config) => buildApp({ config }) });
