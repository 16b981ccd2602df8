// Public entry of the Microsoft adapter: createMicrosoftProvider and the constants other code may need.
export { createMicrosoftProvider, MAX_WATCH_MINUTES, type MicrosoftProviderOptions } from './microsoft-provider.js';
export { LEDARTID_PROPERTY_ID, TRANSACTION_PREFIX } from './graph-event.js';
export { WINDOWS_ZONES, windowsToIana } from './windows-zones.js';
export { GRAPH_BASE_URL } from './graph-client.js';
