import t from 'tap';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Type } from '@sinclair/typebox';
import { createError, createServer, loggerOptions } from '@ledarsteg/service-kit';

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { logger: pino(loggerOptions({ level: 'info', service: 'test' }), stream), lines };
}

t.test('/healthz is alive; /readyz follows its checks and turns 503 while closing', async (t) => {
  const { logger } = capturedLogger();
  const app = await createServer({ service: 'test', logger });
  let dbUp = true;
  app.readiness.add('database', () => dbUp);
  app.readiness.add('slow', () => new Promise<boolean>((r) => setTimeout(() => r(true), 10)));
  t.equal((await app.inject('/healthz')).statusCode, 200);
  let res = await app.inject('/readyz');
  t.equal(res.statusCode, 200);
  t.same(res.json().checks, { database: true, slow: true });
  dbUp = false;
  res = await app.inject('/readyz');
  t.equal(res.statusCode, 503);
  t.same(res.json().checks, { database: false, slow: true });
  dbUp = true;
  app.readiness.add('throws', () => { throw new Error('boom'); });
  t.equal((await app.inject('/readyz')).statusCode, 503, 'a throwing check counts as not ready');
  await app.close();
});

t.test('/readyz answers 503 within its deadline when a check hangs, naming that check', async (t) => {
  const { logger } = capturedLogger();
  const app = await createServer({ service: 'test', logger });
  const given: number[] = [];
  app.readiness.add('database', () => true);
  app.readiness.add('nats', (timeoutMs) => {
    given.push(timeoutMs);
    return new Promise<boolean>(() => {});
  });
  app.readiness.setTimeout(200);
  const res = await app.inject('/readyz');
  t.equal(res.statusCode, 503);
  t.same(res.json(), { status: 'not ready', checks: { database: true, nats: false } });
  t.same(given, [200], 'each check is told the deadline it has');
  await app.close();
});

t.test('errors: coded 4xx pass through, 5xx never leak internals, validation says what is wrong', async (t) => {
  const { logger, lines } = capturedLogger();
  const app = await createServer({ service: 'test', logger });
  const Conflict = createError('TEST_ERR_TAKEN', 'slot %s is taken', 409);
  app.get('/conflict', async () => { throw new Conflict('monday'); });
  app.get('/crash', async () => { throw new Error('connection string mongodb://user:pw@db failed'); });
  app.post('/zone', { schema: { body: Type.Object({ timeZone: Type.String({ format: 'iana-zone' }) }) } }, async () => ({ ok: true }));
  let res = await app.inject('/conflict');
  t.equal(res.statusCode, 409);
  t.match(res.json(), { code: 'TEST_ERR_TAKEN', message: 'slot monday is taken' });
  res = await app.inject('/crash');
  t.equal(res.statusCode, 500);
  t.notMatch(res.body, 'mongodb://', 'no internals in the response');
  t.match(lines.join(''), 'mongodb://', 'but the cause is logged');
  res = await app.inject({ method: 'POST', url: '/zone', payload: { timeZone: 'Mars/Olympus' } });
  t.equal(res.statusCode, 400);
  t.equal(res.json().code, 'VALIDATION_FAILED');
  res = await app.inject({ method: 'POST', url: '/zone', payload: { timeZone: 'Europe/Stockholm' } });
  t.equal(res.statusCode, 200);
  res = await app.inject('/nope');
  t.equal(res.statusCode, 404);
  t.equal(res.json().code, 'NOT_FOUND');
  await app.close();
});

t.test('logs redact tokens, secrets and meeting titles, and drop query strings', async (t) => {
  const { logger, lines } = capturedLogger();
  const app = await createServer({ service: 'test', logger });
  app.get('/cb', async (req) => {
    req.log.info({ tokens: { refreshToken: 'rt-123', accessToken: 'at-456' }, event: { title: 'Salary talk with Anna' } }, 'stored');
    return { ok: true };
  });
  await app.inject({ url: '/cb?code=auth-code-789&state=s', headers: { authorization: 'Bearer at-456' } });
  const out = lines.join('');
  for (const secret of ['rt-123', 'at-456', 'Salary talk', 'auth-code-789']) t.notMatch(out, secret, `${secret} is not logged`);
  t.match(out, '[redacted]');
  await app.close();
});
