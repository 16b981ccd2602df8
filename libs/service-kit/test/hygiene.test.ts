import t from 'tap';
import { Type } from '@sinclair/typebox';
import { connectNats } from '@ledarsteg/messaging';
import { natsForTest } from '@ledarsteg/testing';
import { pino } from 'pino';
import {
  checkServedOpenApi,
  createServer,
  incrementWindow,
  openApiProblems,
  openRateLimitBucket,
  rateLimitsPlugin,
  type TypeBoxTypeProvider,
} from '@ledarsteg/service-kit';

const logger = pino({ level: 'silent' });
const ERROR_KEYS = ['code', 'error', 'message', 'statusCode'];

async function sampleApp(opts: { publicUrl?: string } = {}) {
  const app = await createServer({ service: 'test', logger, ...opts });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/things/:thingId',
    {
      schema: {
        params: Type.Object({ thingId: Type.String({ maxLength: 200 }) }),
        body: Type.Object({ name: Type.String({ minLength: 1 }) }),
        response: { 200: Type.Object({ thingId: Type.String(), name: Type.String() }) },
      },
    },
    async (req) => ({ thingId: req.params.thingId, name: req.body.name }),
  );
  r.get('/page', async (_req, reply) => reply.type('text/html').send('<p>hi</p>'));
  return app;
}

t.test('every answer carries the security headers and no-store; HSTS only behind https', async (t) => {
  const app = await sampleApp();
  t.teardown(() => app.close());
  for (const url of ['/healthz', '/page', '/nope']) {
    const res = await app.inject(url);
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`);
    t.equal(res.headers['x-frame-options'], 'DENY', `${url}: no framing`);
    t.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, `${url}: CSP denies framing`);
    t.match(String(res.headers['content-security-policy']), /default-src 'none'/, `${url}: CSP loads nothing by default`);
    t.notMatch(String(res.headers['content-security-policy']), /unsafe-inline/, `${url}: no inline scripts`);
    t.equal(res.headers['cache-control'], 'no-store', `${url}: never cached`);
    t.notOk(res.headers['strict-transport-security'], `${url}: no HSTS on plain http`);
  }
  const doc = await app.inject('/openapi.json');
  t.equal(doc.headers['cache-control'], 'public, max-age=300', 'the public document opts out of no-store explicitly');

  const secure = await sampleApp({ publicUrl: 'https://ledarsteg.example' });
  t.teardown(() => secure.close());
  t.match(String((await secure.inject('/healthz')).headers['strict-transport-security']), /max-age=31536000/);
});

t.test("Fastify's own errors answer in the product's format", async (t) => {
  const app = await sampleApp();
  t.teardown(() => app.close());
  const json = { 'content-type': 'application/json' };
  const cases = [
    { what: 'unknown route', req: { method: 'GET' as const, url: '/nothing-here' }, status: 404, code: 'NOT_FOUND', error: 'Not Found' },
    { what: 'over-long path parameter', req: { method: 'POST' as const, url: `/things/${'x'.repeat(300)}`, payload: '{}', headers: json }, status: 414, code: 'URI_TOO_LONG', error: 'URI Too Long' },
    { what: 'bad URL encoding', req: { method: 'POST' as const, url: '/things/%E0%A4%A', payload: '{}', headers: json }, status: 400, code: 'BAD_URL', error: 'Bad Request' },
    { what: 'malformed JSON', req: { method: 'POST' as const, url: '/things/a', payload: '{"name":', headers: json }, status: 400, code: 'MALFORMED_BODY', error: 'Bad Request' },
    { what: 'empty JSON body', req: { method: 'POST' as const, url: '/things/a', payload: '', headers: json }, status: 400, code: 'MALFORMED_BODY', error: 'Bad Request' },
    { what: 'validation', req: { method: 'POST' as const, url: '/things/a', payload: { name: '' } }, status: 400, code: 'VALIDATION_FAILED', error: 'Bad Request' },
    { what: 'unsupported content type', req: { method: 'POST' as const, url: '/things/a', payload: '<a/>', headers: { 'content-type': 'application/xml' } }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', error: 'Unsupported Media Type' },
    { what: 'body too large', req: { method: 'POST' as const, url: '/things/a', payload: JSON.stringify({ name: 'x'.repeat(300 * 1024) }), headers: json }, status: 413, code: 'PAYLOAD_TOO_LARGE', error: 'Payload Too Large' },
  ];
  for (const c of cases) {
    const res = await app.inject(c.req);
    t.equal(res.statusCode, c.status, `${c.what}: status`);
    t.match(res.headers['content-type'], /^application\/json/, `${c.what}: JSON`);
    const body = res.json();
    t.same(Object.keys(body).sort(), ERROR_KEYS, `${c.what}: exactly the four fields`);
    t.match(body, { statusCode: c.status, code: c.code, error: c.error }, c.what);
    t.notMatch(res.body, /FST_|fastify/i, `${c.what}: no framework internals`);
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${c.what}: nosniff`);
    t.equal(res.headers['x-frame-options'], 'DENY', `${c.what}: no framing`);
    t.equal(res.headers['cache-control'], 'no-store', `${c.what}: not cached`);
  }
  const ok = await app.inject({ method: 'POST', url: '/things/a', payload: { name: 'n' } });
  t.same(ok.json(), { thingId: 'a', name: 'n' }, 'a good request still passes');
});

t.test('OpenAPI: the served document is valid and in step with the routes; drift is caught', async (t) => {
  const app = await sampleApp();
  t.teardown(() => app.close());
  const { status, problems, doc } = await checkServedOpenApi(app);
  t.equal(status, 200);
  t.same(problems, [], 'valid and complete');
  t.same(app.registeredRoutes(), ['GET /healthz', 'GET /openapi.json', 'GET /page', 'GET /readyz', 'POST /things/{thingId}']);
  const paths = (doc as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths;
  t.ok(paths['/things/{thingId}']?.['post']?.responses['200'], 'the response schema is documented');

  t.same(openApiProblems(doc, [...app.registeredRoutes(), 'DELETE /things/{thingId}']), ['route DELETE /things/{thingId} is not documented']);
  t.same(openApiProblems(doc, app.registeredRoutes().filter((r) => r !== 'GET /page')), ['GET /page is documented but no such route exists']);
  t.match(openApiProblems({ ...(doc as object), openapi: '2.0' }, app.registeredRoutes())[0], /^structure: \/openapi/);
  const broken = structuredClone(doc) as typeof paths & { paths: typeof paths };
  (broken.paths['/things/{thingId}']!['post'] as { parameters?: unknown[] }).parameters = [];
  t.same(openApiProblems(broken, app.registeredRoutes()), ['POST /things/{thingId}: path parameter thingId is not described']);
});

t.test('rate limits: 429 with Retry-After in the error format, counted across two instances on one NATS', async (t) => {
  const nats = await natsForTest(t);
  const nc = await connectNats({ servers: nats.url, name: 'rate-limit-test', logger });
  t.teardown(() => nc.close());
  const kv = await openRateLimitBucket(nc, nats.prefix);
  const instance = async () => {
    const app = await createServer({ service: 'test', logger });
    await app.register(rateLimitsPlugin, { kv, settings: { windowSeconds: 3600, max: { signIn: 3, webhook: 100, tokenCheck: 100 } } });
    app.get('/connect', { config: { rateLimit: app.rateLimits.route('signIn') } }, async () => ({ ok: true }));
    app.get('/free', async () => ({ ok: true }));
    t.teardown(() => app.close());
    return app;
  };
  const [a, b] = [await instance(), await instance()];
  t.equal((await a.inject('/connect')).statusCode, 200);
  t.equal((await b.inject('/connect')).statusCode, 200);
  t.equal((await a.inject('/connect')).statusCode, 200, 'three in the window, on two instances');
  const refused = await b.inject('/connect');
  t.equal(refused.statusCode, 429, 'the fourth is refused by the other instance: the count is shared');
  const retryAfter = Number(refused.headers['retry-after']);
  t.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After is the rest of the window in seconds (${retryAfter})`);
  t.same(Object.keys(refused.json()).sort(), ERROR_KEYS);
  t.match(refused.json(), { statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests' });
  t.equal(refused.headers['cache-control'], 'no-store');
  t.equal((await a.inject({ url: '/connect', remoteAddress: '10.0.0.9' })).statusCode, 200, 'another client has its own allowance');
  t.equal((await a.inject('/free')).statusCode, 200, 'routes that did not opt in are not limited');
});

t.test('rate limits: concurrent increments on one counter lose no count', async (t) => {
  const nats = await natsForTest(t);
  const nc = await connectNats({ servers: nats.url, name: 'rate-limit-race', logger });
  t.teardown(() => nc.close());
  const kv = await openRateLimitBucket(nc, nats.prefix);
  const now = Date.now();
  const results = await Promise.all(Array.from({ length: 12 }, () => incrementWindow(kv, 'race.client', 60_000, now)));
  t.same(results.map((r) => r.current).sort((x, y) => x - y), Array.from({ length: 12 }, (_, i) => i + 1), 'every increment got its own number');
  const next = await incrementWindow(kv, 'race.client', 60_000, now + 60_000);
  t.equal(next.current, 1, 'a new window starts from one');
  t.equal(next.ttl, 60_000 - ((now + 60_000) % 60_000), 'its ttl is what is left of the window');
});
