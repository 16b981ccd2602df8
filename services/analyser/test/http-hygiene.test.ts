// HTTP hygiene of the analyser: security headers and no-store on every answer, the error format, and OpenAPI.
import t from 'tap';
import { pino } from 'pino';
import { hygieneProblems, loadConfig } from '@ledarsteg/service-kit';
import { natsForTest, testDatabase } from '@ledarsteg/testing';
import { buildApp } from '../src/app.js';
import { AnalyserConfig } from '../src/config.js';

t.test('analyser: headers, no-store, the error format and an OpenAPI document in step with the routes', async (t) => {
  const nats = await natsForTest(t);
  const db = await testDatabase(t, 'analyser');
  const config = loadConfig(AnalyserConfig, { NATS_URL: nats.url, MONGO_URL: db.url, NATS_PREFIX: nats.prefix, PORT: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, deps: { logger: pino({ level: 'silent' }) } });
  await app.ready();
  t.teardown(() => app.close());
  t.same(
    await hygieneProblems(app, [
      { url: '/leaders/u1/settings' },
      { url: '/leaders/u1/weeks/2026-W48' },
      { url: '/leaders/u1/weeks?from=2026-W40&to=2026-W48' },
      { method: 'PUT', url: '/leaders/u1/settings', payload: '{"timeZone":', headers: { 'content-type': 'application/json' } },
    ]),
    [],
  );
  const malformed = await app.inject({ method: 'PUT', url: '/leaders/u1/settings', payload: '{"timeZone":', headers: { 'content-type': 'application/json' } });
  t.same(malformed.json(), { statusCode: 400, code: 'MALFORMED_BODY', error: 'Bad Request', message: 'The request body is not valid JSON' });
  const routes = app.registeredRoutes();
  for (const route of ['GET /leaders/{userId}/weeks/{week}', 'GET /leaders/{userId}/weeks/{week}/proposal', 'GET /leaders/{userId}/weeks']) {
    t.ok(routes.includes(route), `${route} is served`);
  }
  const doc = (await app.inject('/openapi.json')).json();
  t.ok(doc.paths['/leaders/{userId}/weeks/{week}'].get.responses['200'].content, 'the week view is documented with its schema');
});
