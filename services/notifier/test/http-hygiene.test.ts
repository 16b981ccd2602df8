// HTTP hygiene of the notifier: security headers and no-store on every answer, the error format, and OpenAPI.
import t from 'tap';
import { pino } from 'pino';
import { hygieneProblems, loadConfig } from '@ledarsteg/service-kit';
import { natsForTest, testDatabase } from '@ledarsteg/testing';
import { buildApp } from '../src/app.js';
import { NotifierConfig } from '../src/config.js';

t.test('notifier: headers, no-store, the error format and an OpenAPI document in step with the routes', async (t) => {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'notifier');
  const config = loadConfig(NotifierConfig, {
    NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent',
    SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'hej@ledarsteg.se', PUBLIC_URL: 'https://app.ledarsteg.se/',
    LINK_KEYS: 'k1:test-secret-that-is-long-enough-0123456789',
  });
  const app = await buildApp({ config, deps: { logger: pino({ level: 'silent' }) } });
  await app.ready();
  t.teardown(() => app.close());
  t.same(await hygieneProblems(app, [{ url: '/recipients/u1/deliveries' }]), []);
  t.notOk((await app.inject('/healthz')).headers['strict-transport-security'], 'no HSTS: the notifier is not reached over https itself');
  const doc = (await app.inject('/openapi.json')).json();
  t.ok(doc.paths['/recipients/{userId}/deliveries'].get.responses['200'].content, 'the deliveries are documented with their schema');
});
