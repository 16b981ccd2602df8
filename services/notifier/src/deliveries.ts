// The ledger of emails sent: the exactly-once guard of every send, and the support record of what a leader got.
import { type LedgerEntry, SideEffectLedger } from '@ledarsteg/store';
import { Collections } from './collections.js';
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
  return new SideEffectLedger(conn, Collections.deliveries);
}

/** The natural key of a reauth email: one per connection per detected breakage, whatever the envelope. */
export function reauthKey(connectionId: string, detectedAt: string): string {
  // Normalised, so the same instant written with another offset is the same breakage.
  return `needs-reauth:${connectionId}:${new Date(detectedAt).toISOString()}`;
}

/** The ledger keys of one connection's emails: they name the connection. */
export function reauthKeysOf(connectionId: string): RegExp {
  return new RegExp(`^needs-reauth:${connectionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`);
}

/** What was sent to a leader, newest first: finished sends only (a claim that failed or is in flight reached nobody). */
export async function deliveriesTo(ledger: SideEffectLedger, userId: string, limit: number): Promise<LedgerEntry[]> {
  return (await ledger.model.find({ state: 'done', 'result.userId': userId }).sort({ doneAt: -1 }).limit(limit).lean().exec()) as LedgerEntry[];
}
