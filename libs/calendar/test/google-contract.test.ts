// Runs the shared CalendarProvider contract and the scope contract against the Google adapter and the Google fake.
import t from 'tap';
import { providerContract } from './fixtures/contract/provider-contract.js';
import { ADAPTER_METHODS, scopeContract } from './fixtures/contract/scope-contract.js';
import { createGoogleHarness } from './fixtures/google-harness.js';

providerContract(t, createGoogleHarness);

// Every Calendar call is on the primary calendar and accepts calendar.events.owned; the sign-in scopes serve only
// the ID token at connect, which no adapter method uses.
scopeContract(t, createGoogleHarness, {
  openid: [],
  email: [],
  'https://www.googleapis.com/auth/calendar.events.owned': ADAPTER_METHODS,
});
