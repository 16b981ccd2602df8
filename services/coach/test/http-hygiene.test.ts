// HTTP hygiene of the coach API: headers, the error format (401 included), token checks rate-limited across instances, OpenAPI.
import t from 'tap';
import { pino } from 'pino';
import { hygieneProblems, loadConfig } from '@ledarsteg/service-kit';
import { natsForTest, testDatabase } from '@ledarsteg/testing';
import { buildApp } from '../src/app.js';
import { CoachConfig } from '../src/config.js';

const logger = pino({ level: 'silent' });
const TOKEN = `${'c'.repeat(24)}Token-C1`;

t.test('coach: headers, error format and OpenAPI; token checks are limited across two instances', async (t) => {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'coach');
  const env = { NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent', COACH_TOKENS: `coach-c:${TOKEN}` };
  const start = async (extra: Record<string, string> = {}) => {
    const app = await buildApp({ config: loadConfig(CoachConfig, { ...env, ...extra }), deps: { logger } });
    await app.ready();
    t.teardown(() => app.close());
    return app;
  };
  const app = await start();
  const asCoach = { authorization: `Bearer ${TOKEN}` };
  t.same(await hygieneProblems(app, [{ url: '/coach/leaders', headers: asCoach }, { url: '/coach/leaders' }]), []);

  const denied = await app.inject({ url: '/coach/leaders', headers: { authorization: 'Bearer nope' } });
  t.equal(denied.statusCode, 401);
  t.same(denied.json(), { statusCode: 401, code: 'COACH_ERR_UNAUTHORIZED', error: 'Unauthorized', message: 'A valid coach token is required' });

  // Two instances on one NATS, three token checks allowed per client and window: the fourth is refused, wherever it lands.
  const [a, b] = [await start({ RATE_LIMIT_TOKEN_CHECKS: '3' }), await start({ RATE_LIMIT_TOKEN_CHECKS: '3' })];
  const client = { remoteAddress: '192.0.2.44' };
  t.equal((await a.inject({ url: '/coach/leaders', headers: { authorization: 'Bearer guess-1' }, ...client })).statusCode, 401);
  t.equal((await b.inject({ url: '/coach/leaders', headers: { authorization: 'Bearer guess-2' }, ...client })).statusCode, 401);
  t.equal((await a.inject({ url: '/coach/leaders', headers: asCoach, ...client })).statusCode, 200);
  const limited = await b.inject({ url: '/coach/leaders', headers: asCoach, ...client });
  t.equal(limited.statusCode, 429, 'even the right token waits once the allowance is used up');
  t.ok(Number(limited.headers['retry-after']) >= 1, 'with Retry-After');
  t.match(limited.json(), { statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests' });
  t.equal((await a.inject({ url: '/coach/leaders', headers: asCoach, remoteAddress: '192.0.2.45' })).statusCode, 200, 'another client is not affected');
});
