// Public entry of the Google adapter.
export { createGoogleProvider, type GoogleProviderOptions } from './google-provider.js';
export { toEventChange, LEDARTID_PROPERTY } from './google-event.js';
