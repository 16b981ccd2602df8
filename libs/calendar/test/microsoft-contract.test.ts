// Runs the shared CalendarProvider contract against the Microsoft adapter and the Microsoft Graph fake.
import t from 'tap';
import { providerContract } from './fixtures/contract/provider-contract.js';
import { createMicrosoftHarness } from './fixtures/microsoft-harness.js';

providerContract(t, createMicrosoftHarness);
