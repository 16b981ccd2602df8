// The ledger of emails sent: the exactly-once guard of every send, and the support record of what a leader got.
import { SideEffectLedger } from '@ledarsteg/store';
import type { Connection } from 'mongoose';

export type DeliveryKind = 'needs-reauth';

/** What a finished ledger entry records about its email; addresses and bodies are deliberately absent. */
export interface DeliveryResult {
  userId: string;
  kind: DeliveryKind;
  messageId: string;
  [key: string]: unknown;
}

export function deliveryLedger(conn: Connection): SideEffectLedger {
  return new SideEffectLedger(conn, 'notifier_deliveries');
}

/** The natural key of a reauth email: one per connection per detected breakage, whatever the envelope. */
export function reauthKey(connectionId: string, detectedAt: string): string {
  // Normalised, so the same instant written with another offset is the same breakage.
  return `needs-reauth:${connectionId}:${new Date(detectedAt).toISOString()}`;
}
