// Cuts a run of stored changes into calendar.events.changed.v1 batches that stay well under NATS' 1 MB payload limit.
import type { EventChange } from '@ledarsteg/contracts';
import { type EventDoc, fromStoredEvent, isTombstone, type StoredEvent } from './event-model.js';

/** Bytes of changes per message: a quarter of NATS' default 1 MB, leaving room for the envelope and headers. */
export const MAX_BATCH_BYTES = 256 * 1024;
/** The contract's limit on changes per message. */
export const MAX_BATCH_CHANGES = 1000;

export function toChange(doc: EventDoc): EventChange {
  return isTombstone(doc) ? { rev: doc.rev, deleted: doc.providerEventId } : { rev: doc.rev, event: fromStoredEvent(doc as StoredEvent) };
}

/** Consecutive batches of `docs` (ordered by rev), each under MAX_BATCH_BYTES and MAX_BATCH_CHANGES. */
export function batches(docs: EventDoc[]): EventChange[][] {
  const out: EventChange[][] = [];
  let current: EventChange[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const change = toChange(doc);
    const size = Buffer.byteLength(JSON.stringify(change));
    if (current.length > 0 && (bytes + size > MAX_BATCH_BYTES || current.length >= MAX_BATCH_CHANGES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(change);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
