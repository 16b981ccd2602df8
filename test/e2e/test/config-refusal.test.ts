// A service with a bad or missing variable refuses to start and names the variable.
import t from 'tap';
import { spawnService } from '@ledarsteg/testing';

const cases: { service: string; env: Record<string, string>; names: string[] }[] = [
  { service: 'analyser', env: { PORT: 'eighty' }, names: ['MONGO_URL is missing', 'PORT is invalid'] },
  { service: 'calendar-sync', env: { MONGO_URL: 'mongodb://127.0.0.1:1/x', PUBLIC_URL: 'nope', TOKEN_KEYS: 'k1:tooshort' }, names: ['PUBLIC_URL is invalid', 'TOKEN_KEYS is invalid'] },
  { service: 'analyser', env: { MONGO_URL: 'postgres://x', LOG_LEVEL: 'chatty' }, names: ['MONGO_URL is invalid', 'LOG_LEVEL is invalid'] },
];

for (const c of cases) {
  t.test(`${c.service} refuses ${Object.keys(c.env).join(', ')}`, async (t) => {
    const proc = spawnService(c.service, c.env);
    t.teardown(() => proc.stop('SIGKILL'));
    t.equal(await proc.exited, 78, 'exits with EX_CONFIG');
    for (const name of c.names) t.match(proc.output(), name);
    t.notMatch(proc.output(), 'tooshort', 'the value of a secret is not echoed');
  });
}
