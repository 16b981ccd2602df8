import t from 'tap';
import { Type } from '@sinclair/typebox';
import { CommonConfig, ConfigError, loadConfig } from '@ledarsteg/service-kit';

const Schema = Type.Composite([
  CommonConfig,
  Type.Object({ TOKEN_KEYS: Type.String({ minLength: 10 }), PUBLIC_URL: Type.String({ format: 'uri' }) }),
]);

t.test('valid environment is converted and defaulted', async (t) => {
  const config = loadConfig(Schema, {
    MONGO_URL: 'mongodb://127.0.0.1:27017/ledarsteg',
    PORT: '3001',
    TOKEN_KEYS: 'k1:abcdefghijklmnop',
    PUBLIC_URL: 'https://ledarsteg.example',
    UNRELATED: 'ignored',
  });
  t.equal(config.PORT, 3001);
  t.equal(config.NATS_URL, 'nats://127.0.0.1:4222');
  t.equal(config.LOG_LEVEL, 'info');
  t.notOk('UNRELATED' in config);
});

t.test('every missing or invalid variable is named, values are not echoed', async (t) => {
  const err = t.throws(() =>
    loadConfig(Schema, { PORT: 'eighty', TOKEN_KEYS: 'sekrit', PUBLIC_URL: 'not a url', LOG_LEVEL: 'loud' }),
  ) as ConfigError;
  t.type(err, ConfigError);
  const text = err.message;
  for (const name of ['MONGO_URL is missing', 'PORT is invalid', 'TOKEN_KEYS is invalid', 'PUBLIC_URL is invalid', 'LOG_LEVEL is invalid']) {
    t.match(text, name);
  }
  t.notMatch(text, 'sekrit', 'a secret value never appears in the message');
});

t.test('an empty variable counts as missing', async (t) => {
  const err = t.throws(() => loadConfig(Schema, { MONGO_URL: '', PORT: '1', TOKEN_KEYS: 'k1:abcdefghij', PUBLIC_URL: 'http://x' })) as ConfigError;
  t.match(err.message, 'MONGO_URL is missing');
});
