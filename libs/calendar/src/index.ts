// Public entry of the calendar lib: the provider port, its errors, and the Google and Microsoft adapters.
export * from './provider.js';
export * from './provider-error.js';
export * from './retry.js';
export * from './google/index.js';
export * from './microsoft/index.js';
export * from './scopes.js';
export * from './identity/index.js';
