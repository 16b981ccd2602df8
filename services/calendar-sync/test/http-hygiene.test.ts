// HTTP hygiene of calendar-sync: headers on JSON, redirects and pages, the error format, OpenAPI, and sign-in rate limits.
import { createHash } from 'node:crypto';
import { hygieneProblems } from '@ledarsteg/service-kit';
import t from 'tap';
import { ADMIN_TOKEN, BROWSER_ACCEPT, connectThroughBrowser, createHarness } from './fixtures/harness.js';

t.setTimeout(120_000);

t.test('headers, no-store, the error format and OpenAPI on every kind of answer', async (t) => {
  const h = await createHarness(t, { publicUrl: 'https://calendar-sync.test' });
  t.same(
    await hygieneProblems(h.app, [
      { url: '/connect/google' },
      { method: 'DELETE', url: '/connections/2f0d6a4e-6f55-4b8a-9d53-1f4a2b3c4d5e', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      { method: 'DELETE', url: '/connections/2f0d6a4e-6f55-4b8a-9d53-1f4a2b3c4d5e' },
      { method: 'POST', url: '/webhooks/google', headers: { 'x-goog-channel-id': 'c', 'x-goog-resource-state': 'exists', 'x-goog-message-number': '1' } },
    ]),
    [],
  );
  t.match(String((await h.app.inject('/healthz')).headers['strict-transport-security']), /max-age=/, 'HSTS: PUBLIC_URL is https');

  // The page a browser lands on after connecting: its own CSP, which runs no script and allows exactly its style sheet.
  const { callback } = await connectThroughBrowser(h, 'google', { accept: BROWSER_ACCEPT });
  t.equal(callback.statusCode, 200);
  t.equal(callback.headers['cache-control'], 'no-store', 'the OAuth callback is never cached');
  t.equal(callback.headers['x-frame-options'], 'DENY');
  t.equal(callback.headers['x-content-type-options'], 'nosniff');
  const csp = String(callback.headers['content-security-policy']);
  t.notMatch(csp, /unsafe-inline|script-src/, 'no inline code, no scripts');
  t.match(csp, /default-src 'none'/);
  t.match(csp, /frame-ancestors 'none'/);
  const style = /<style>([\s\S]*?)<\/style>/.exec(callback.body)?.[1] ?? '';
  t.ok(style.length > 0, 'the page has its style sheet');
  t.match(csp, `'sha256-${createHash('sha256').update(style).digest('base64')}'`, 'and the policy allows exactly it');
  t.notMatch(callback.body, /<script|\son[a-z]+=/i, 'no script or inline handler on the page');

  const json = await connectThroughBrowser(h, 'google');
  t.equal(json.callback.headers['cache-control'], 'no-store', 'the JSON answer of the callback is not cached either');
});

t.test('sign-in is rate-limited: 429 with Retry-After in the error format', async (t) => {
  const h = await createHarness(t, { env: { RATE_LIMIT_SIGN_IN: '2' } });
  t.equal((await h.app.inject('/connect/google')).statusCode, 302);
  t.equal((await h.app.inject('/connect/google/callback?error=access_denied')).statusCode, 400, 'callbacks count too');
  const limited = await h.app.inject('/connect/microsoft');
  t.equal(limited.statusCode, 429);
  t.ok(Number(limited.headers['retry-after']) >= 1, 'Retry-After says when to come back');
  t.same(Object.keys(limited.json()).sort(), ['code', 'error', 'message', 'statusCode']);
  t.match(limited.json(), { statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests' });
  t.equal(limited.headers['cache-control'], 'no-store');
  t.equal((await h.app.inject({ url: '/connect/google', remoteAddress: '198.51.100.7' })).statusCode, 302, 'another client still gets in');
});

t.test('admin token checks are rate-limited before the token is compared', async (t) => {
  const h = await createHarness(t, { env: { RATE_LIMIT_TOKEN_CHECKS: '2' } });
  const url = '/connections/2f0d6a4e-6f55-4b8a-9d53-1f4a2b3c4d5e';
  const guess = await h.app.inject({ method: 'DELETE', url, headers: { authorization: 'Bearer guess-1' } });
  t.equal(guess.statusCode, 401);
  t.match(guess.json(), { statusCode: 401, code: 'SYNC_ERR_UNAUTHORIZED', error: 'Unauthorized' });
  t.equal((await h.app.inject({ method: 'DELETE', url, headers: { authorization: 'Bearer guess-2' } })).statusCode, 401);
  const limited = await h.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  t.equal(limited.statusCode, 429, 'the third try waits, even with the right token');
  t.ok(Number(limited.headers['retry-after']) >= 1);
  t.match(limited.json(), { code: 'RATE_LIMITED' });
  t.equal((await h.app.inject('/connect/google')).statusCode, 302, 'sign-in has its own allowance');
});
