// Public entry of the provider fakes: local Google and Microsoft servers for tests and the demo.
export * from './google/index.js';
export * from './microsoft/index.js';
