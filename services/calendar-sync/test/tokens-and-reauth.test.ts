// Token key rotation across a restart, and the needs-reauth outbox surviving a failed publish.
import type { Publish } from '@ledarsteg/messaging';
import { eventually } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
import { LEADER, connectAs, createHarness, newKey, requestSyncNow, storedConnection, storedEvents } from './fixtures/harness.js';

t.setTimeout(180_000);
const slot = (days: number, summary: string) => ({
  summary,
  start: { dateTime: DateTime.now().plus({ days }).toISO() as string },
  end: { dateTime: DateTime.now().plus({ days, hours: 1 }).toISO() as string },
});

t.test('a connection sealed with k1 keeps working after a restart with k2,k1 and is re-sealed with k2 at the next refresh', async (t) => {
  const k1 = newKey();
  const h = await createHarness(t, { env: { TOKEN_KEYS: `k1:${k1}` } });
  const { connectionId } = await connectAs(h, 'google', LEADER.email);
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt, { what: 'first sync' });
  const before = await storedConnection(h, connectionId);
  t.equal(before.refreshToken?.keyId, 'k1');

  await h.restart({ env: { TOKEN_KEYS: `k2:${newKey()},k1:${k1}` } });
  const e = h.google.insertEvent(LEADER.email, slot(1, 'After the restart'));
  // The access token has expired meanwhile: the next call refreshes.
  await h.app.db.collection('connections').updateOne({ connectionId }, { $set: { expiresAt: new Date(0) } });
  await requestSyncNow(h, connectionId);
  await eventually(async () => (await storedEvents(h, connectionId)).some((x) => x.providerEventId === e.id), { what: 'sync with the old key' });
  const after = await storedConnection(h, connectionId);
  t.equal(after.accessToken?.keyId, 'k2', 'access token sealed with k2');
  t.equal(after.refreshToken?.keyId, 'k2', 'refresh token re-sealed with k2');
  t.equal(h.app.tokenCipher.open(after.refreshToken!, connectionId), h.app.tokenCipher.open(before.refreshToken!, connectionId), 'the same refresh token');
  t.ok(h.google.requests.some((r) => r.operation === 'oauth.token' && r.status === 200), 'a refresh happened');
});

t.test('needs-reauth: a failed publish stays in the outbox and is announced by the retried sync', async (t) => {
  const h = await createHarness(t, { deps: { redeliveryBackoffMs: [50] } });
  const { connectionId, userId } = await connectAs(h, 'google', LEADER.email);
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt, { what: 'first sync' });

  const svc = h.app.calendarSync;
  const real: Publish = svc.publish;
  let failures = 0;
  svc.publish = ((subject, data, o) => {
    if (subject === 'calendar.connection.needs-reauth.v1' && failures === 0) {
      failures++;
      return Promise.reject(new Error('NATS unavailable'));
    }
    return real(subject, data, o);
  }) as Publish;

  h.google.revokeGrants(LEADER.email);
  h.google.expireAccessTokens(LEADER.email);
  await h.app.db.collection('connections').updateOne({ connectionId }, { $set: { expiresAt: new Date(0) } });
  await requestSyncNow(h, connectionId);
  const reauth = await eventually(() => h.seen('calendar.connection.needs-reauth.v1')[0], { what: 'the needs-reauth message, despite the failed publish' });
  t.equal(failures, 1, 'the first publish did fail');
  t.match(reauth.data, { connectionId, userId, reason: 'invalid_grant' });
  const conn = await eventually(async () => {
    const c = await storedConnection(h, connectionId);
    return c.reauthPending ? undefined : c;
  }, { what: 'outbox cleared' });
  t.equal(conn.status, 'needs_reauth');
  t.equal(h.seen('calendar.connection.needs-reauth.v1').length, 1, 'announced once');
});

t.test('a permission withdrawn at the provider (403 access denied on sync) puts the connection in needs-reauth', async (t) => {
  const h = await createHarness(t);
  const { connectionId, userId } = await connectAs(h, 'microsoft', h.msAccount.id);
  await eventually(async () => (await storedConnection(h, connectionId)).lastSyncedAt, { what: 'first sync' });
  h.microsoft.fault({ status: 403, code: 'ErrorAccessDenied', pathIncludes: '/calendarView/delta', accountId: h.msAccount.id });
  await requestSyncNow(h, connectionId);
  const announced = await eventually(() => h.seen('calendar.connection.needs-reauth.v1').find((e) => e.data.connectionId === connectionId), { what: 'needs-reauth' });
  t.match(announced.data, { userId, provider: 'microsoft', reason: 'insufficient_scope' });
  t.equal((await storedConnection(h, connectionId)).status, 'needs_reauth');
});
