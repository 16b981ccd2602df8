// Handles ledartid.booking.requested.v1: writes, moves or removes a ledartid block exactly once per request.
import { hostname } from 'node:os';
import { isProviderError } from '@ledarsteg/calendar';
import { type BookingRequested, Consumers, type Envelope, Subjects } from '@ledarsteg/contracts';
import { type HandlerContext, TransientError } from '@ledarsteg/messaging';
import type { SideEffectLedger } from '@ledarsteg/store';
import type { SyncService } from '../service-context.js';
import { retryDelay } from '../sync/provider-failure.js';
import { requestSync } from '../sync/request-sync.js';

export const BLOCK_TITLE = 'Ledartid';
export const BLOCK_DESCRIPTION = 'Skyddad tid för ledarskap — bokad av LedarSteg';
const LEASE_MS = 60_000;
const OWNER = `${hostname()}:${process.pid}`;

type Outcome = { ok: true; providerEventId?: string } | { ok: false; code: string; message: string; retryable: boolean };

export function onBookingRequested(svc: SyncService, ledger: SideEffectLedger, opts: { maxDeliver?: number } = {}) {
  const maxDeliver = opts.maxDeliver ?? Consumers.calendarSync.bookingRequested.maxDeliver;

  async function announce(req: BookingRequested, outcome: Outcome, correlationId: string) {
    const now = svc.now().toISOString();
    const base = { blockId: req.blockId, requestId: req.requestId, userId: req.userId, action: req.action };
    // Stable ids: announcing again after a crash (or a redelivery of a finished request) is dropped by JetStream.
    if (outcome.ok) {
      await svc.publish(
        Subjects.bookingCompleted,
        {
          ...base,
          ...(outcome.providerEventId ? { providerEventId: outcome.providerEventId } : {}),
          ...(req.action !== 'remove' && req.start && req.end ? { start: req.start, end: req.end } : {}),
          completedAt: now,
        },
        { id: `${req.requestId}:completed`, correlationId },
      );
      await requestSync(svc, req.connectionId, 'manual', { id: `${req.connectionId}:booking:${req.requestId}`, correlationId });
    } else {
      await svc.publish(
        Subjects.bookingFailed,
        { ...base, code: outcome.code, message: outcome.message.slice(0, 1000), retryable: outcome.retryable, failedAt: now },
        { id: `${req.requestId}:failed`, correlationId },
      );
    }
  }

  return async (envelope: Envelope<'ledartid.booking.requested.v1'>, msg: HandlerContext): Promise<void> => {
    const req = envelope.data;
    const log = msg.log.child({ requestId: req.requestId, blockId: req.blockId, connectionId: req.connectionId });
    const conn = await svc.connections.byId(req.connectionId);
    if (conn?.status !== 'active' || conn.userId !== req.userId) {
      log.warn({ status: conn?.status ?? 'missing' }, 'booking refused: connection not active for this leader');
      return announce(req, { ok: false, code: 'connection_inactive', message: 'The calendar connection is not active', retryable: false }, envelope.correlationId);
    }
    if (req.action !== 'remove' && (!req.start || !req.end || !(Date.parse(req.end) > Date.parse(req.start)))) {
      return announce(req, { ok: false, code: 'invalid_request', message: 'create and move need start before end', retryable: false }, envelope.correlationId);
    }

    // A paused provider app or connection is not called; the booking waits (it is not lost) until the pause ends.
    const waitMs = await svc.pauses.waitFor(conn);
    if (waitMs > 0) {
      if (msg.deliveryCount < maxDeliver) throw new TransientError('booking: provider paused after a rate limit', { delayMs: waitMs });
      return announce(req, { ok: false, code: 'rate_limited', message: 'The calendar provider is throttling us', retryable: true }, envelope.correlationId);
    }

    const claim = await ledger.claim(req.requestId, OWNER, LEASE_MS, svc.now());
    if (claim.status === 'done') {
      log.info('booking already carried out: not repeating it');
      const result = claim.entry.result as { providerEventId?: string } | undefined;
      return announce(req, { ok: true, ...(result?.providerEventId ? { providerEventId: result.providerEventId } : {}) }, envelope.correlationId);
    }
    if (claim.status === 'busy') {
      throw new TransientError('another worker holds this booking', { delayMs: Math.max(1_000, claim.entry.leaseUntil.getTime() - svc.now().getTime()) });
    }

    const provider = svc.providerFor(conn);
    let providerEventId: string | undefined;
    try {
      if (req.action === 'remove') await provider.removeBlock(req.blockId);
      else {
        const written = await provider.upsertBlock({
          blockId: req.blockId,
          start: new Date(req.start as string),
          end: new Date(req.end as string),
          timeZone: req.timeZone,
          title: BLOCK_TITLE,
          description: BLOCK_DESCRIPTION,
        });
        providerEventId = written.providerEventId;
      }
    } catch (err) {
      await ledger.release(req.requestId, OWNER);
      const kind = isProviderError(err) ? err.kind : 'error';
      const retryable = isProviderError(err) ? err.retryable : false;
      const pause = isProviderError(err) && err.kind === 'rate_limited' ? await svc.pauses.record(conn, err) : undefined;
      if (retryable && msg.deliveryCount < maxDeliver) {
        const delayMs = pause?.delayMs ?? (isProviderError(err) ? retryDelay(err) : undefined);
        throw new TransientError(`booking: provider ${kind}`, { cause: err, ...(delayMs === undefined ? {} : { delayMs }) });
      }
      if (!isProviderError(err) && !(err instanceof RangeError)) throw err;
      log.warn({ kind, deliveryCount: msg.deliveryCount }, 'booking failed');
      return announce(req, { ok: false, code: kind, message: `The calendar provider refused the booking (${kind})`, retryable }, envelope.correlationId);
    }
    await ledger.complete(req.requestId, OWNER, { connectionId: req.connectionId, ...(providerEventId ? { providerEventId } : {}) }, svc.now());
    log.info({ action: req.action }, 'ledartid block written');
    return announce(req, { ok: true, ...(providerEventId ? { providerEventId } : {}) }, envelope.correlationId);
  };
}
