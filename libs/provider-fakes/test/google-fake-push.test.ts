// Push channels of the Google fake: sync first, empty bodies with X-Goog-* headers, expiry cap, stop.
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { ACCOUNT, EVENTS, startApi } from './fixtures/google-fake-api.js';

async function receiver(t: Test) {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  return { got, address: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

t.test('watch: sync message first, then an empty POST with the real headers on every change', async (t) => {
  const { fake, call } = await startApi(t);
  const { got, address } = await receiver(t);
  const res = await call('POST', `${EVENTS}/watch`, { body: { id: 'chan-1', type: 'web_hook', address, token: 'tok', expiration: String(Date.parse('2026-01-02T00:00:00Z')) } });
  t.match(res.body, { kind: 'api#channel', id: 'chan-1', token: 'tok', expiration: String(Date.parse('2026-01-02T00:00:00Z')) });
  await fake.pushSettled();
  t.match(got[0]?.headers, { 'x-goog-channel-id': 'chan-1', 'x-goog-resource-state': 'sync', 'x-goog-message-number': '1', 'x-goog-channel-token': 'tok', 'x-goog-resource-id': res.body.resourceId });
  t.ok(got[0]?.headers['x-goog-resource-uri'] && got[0]?.headers['x-goog-channel-expiration']);
  fake.insertEvent(ACCOUNT, { start: { dateTime: '2026-01-06T08:00:00Z' }, end: { dateTime: '2026-01-06T09:00:00Z' } });
  await call('POST', EVENTS, { body: { start: { dateTime: '2026-01-06T08:00:00Z' }, end: { dateTime: '2026-01-06T09:00:00Z' } } });
  await fake.pushSettled();
  t.equal(got.length, 3);
  t.ok(got.slice(1).every((n) => n.headers['x-goog-resource-state'] === 'exists' && n.body === ''), 'empty bodies, state exists');
  // Deliveries are concurrent, so arrival order is not send order; the numbers still grow past the sync's 1.
  const numbers = got.slice(1).map((n) => Number(n.headers['x-goog-message-number']));
  t.ok(numbers.every((n) => n > 1) && new Set(numbers).size === 2, 'later message numbers are distinct and above 1');
  t.equal((await call('POST', `${EVENTS}/watch`, { body: { id: 'chan-1', type: 'web_hook', address } })).status, 400, 'live channel ids are unique');
});

t.test('expiration is capped at 7 days, expired and stopped channels stay silent', async (t) => {
  const { fake, call } = await startApi(t);
  const { got, address } = await receiver(t);
  const now = fake.clock.nowMs();
  const long = await call('POST', `${EVENTS}/watch`, { body: { id: 'long', type: 'web_hook', address, expiration: String(now + 30 * 86400_000) } });
  t.equal(Number(long.body.expiration), now + 7 * 86400_000);
  const short = await call('POST', `${EVENTS}/watch`, { body: { id: 'short', type: 'web_hook', address, expiration: String(now + 60_000) } });
  t.equal((await call('POST', '/calendar/v3/channels/stop', { body: { id: 'long', resourceId: long.body.resourceId } })).status, 204);
  t.equal((await call('POST', '/calendar/v3/channels/stop', { body: { id: 'long', resourceId: long.body.resourceId } })).status, 404);
  fake.clock.advance(120_000);
  fake.insertEvent(ACCOUNT, { start: { dateTime: '2026-01-06T08:00:00Z' }, end: { dateTime: '2026-01-06T09:00:00Z' } });
  await fake.pushSettled();
  t.same(got.map((n) => n.headers['x-goog-resource-state']), ['sync', 'sync'], 'no change notification reached either');
  t.ok(short.body.resourceId);
});
