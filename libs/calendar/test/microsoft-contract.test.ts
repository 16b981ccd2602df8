// Runs the shared CalendarProvider contract and the scope contract against the Microsoft adapter and the Graph fake.
import t from 'tap';
import { providerContract } from './fixtures/contract/provider-contract.js';
import { scopeContract } from './fixtures/contract/scope-contract.js';
import { createMicrosoftHarness } from './fixtures/microsoft-harness.js';

providerContract(t, createMicrosoftHarness);

scopeContract(t, createMicrosoftHarness, {
  // Identity and offline access serve the connect step and the token source, not a Graph call.
  openid: [],
  profile: [],
  email: [],
  offline_access: [],
  // The mailbox zone: read for the settings and, once per adapter, for sync's zone fallback.
  'MailboxSettings.Read': ['calendarSettings', 'sync'],
  // Subscriptions (create, renew, delete) take the read scope only.
  'Calendars.Read': ['watch', 'renewWatch', 'stopWatch'],
  // Writing and deleting blocks; the delta and the block lookup still work with Calendars.Read.
  'Calendars.ReadWrite': ['upsertBlock', 'removeBlock'],
});
