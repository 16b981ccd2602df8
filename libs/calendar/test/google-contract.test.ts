// Runs the shared CalendarProvider contract against the Google adapter and the Google fake.
import t from 'tap';
import { providerContract } from './fixtures/contract/provider-contract.js';
import { createGoogleHarness } from './fixtures/google-harness.js';

providerContract(t, createGoogleHarness);
