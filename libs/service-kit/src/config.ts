// Reads a service's environment once, validated by its TypeBox schema, with errors that name the variable.
import { type Static, type TObject, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import '@ledarsteg/contracts';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Validates `env` against `schema`. Values are converted (numbers, booleans), defaults applied,
 * and every problem is reported at once, each naming its variable. Secrets are never echoed.
 */
export function loadConfig<S extends TObject>(schema: S, env: Record<string, string | undefined>): Static<S> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const raw = env[key];
    if (raw !== undefined && raw !== '') picked[key] = raw;
  }
  const value = Value.Default(schema, Value.Convert(schema, picked));
  if (Value.Check(schema, value)) return value as Static<S>;
  const problems = new Map<string, string>();
  for (const error of Value.Errors(schema, value)) {
    const name = error.path.replace(/^\//, '').split('/')[0] || '(root)';
    if (problems.has(name)) continue;
    const given = picked[name] === undefined ? 'is missing' : 'is invalid';
    const hint = error.schema.description ? ` (${error.schema.description})` : '';
    problems.set(name, `${name} ${given}: ${error.message}${hint}`);
  }
  throw new ConfigError([...problems.values()]);
}

/** Variables every service reads. */
export const CommonConfig = Type.Object({
  NATS_URL: Type.String({ default: 'nats://127.0.0.1:4222', pattern: '^(nats|tls|wss?)://', description: 'NATS server URL(s), comma-separated' }),
  MONGO_URL: Type.String({ pattern: '^mongodb(\\+srv)?://', description: 'MongoDB connection string including the database name' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Prefix for stream, subject and consumer names; lets several systems share one NATS. */
  NATS_PREFIX: Type.String({ default: '', pattern: '^[a-z0-9_-]{0,32}$' }),
  /** JetStream stream replicas: 1 on a single server, 3 in a three-node cluster. */
  NATS_STREAM_REPLICAS: Type.Integer({ minimum: 1, maximum: 5, default: 1 }),
  READINESS_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 30_000,
    default: 1_500,
    description: 'how long /readyz waits for the NATS round trip and the database ping before answering 503',
  }),
  TRUST_PROXY_HOPS: Type.Integer({
    minimum: 0,
    maximum: 5,
    default: 0,
    description: 'proxies in front of the service (e.g. 1 behind the ingress) whose X-Forwarded-For names the client',
  }),
  /** Rate limits, counted per client address in fixed windows shared by every instance (NATS KV). */
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 60, description: 'length of a rate-limit window' }),
  RATE_LIMIT_SIGN_IN: Type.Integer({ minimum: 1, default: 30, description: 'connect starts and OAuth callbacks per client and window' }),
  RATE_LIMIT_WEBHOOKS: Type.Integer({ minimum: 1, default: 1200, description: 'provider notifications per sending address and window' }),
  RATE_LIMIT_TOKEN_CHECKS: Type.Integer({ minimum: 1, default: 120, description: 'requests to bearer-token routes per client and window' }),
});
export type CommonConfig = Static<typeof CommonConfig>;
