// startGoogleFake(): a local Google Calendar v3 + OAuth2 + OpenID Connect server with a control API for tests and the demo.
import { createHash } from 'node:crypto';
import Fastify, { type FastifyRequest } from 'fastify';
import { type IdTokenFault, IdTokenMinter } from '../oidc/id-token-faults.js';
import { SigningKeys } from '../oidc/signing-keys.js';
import { registerCalendarRoutes } from './calendar-routes.js';
import { CalendarStore } from './calendar-store.js';
import { FakeClock } from './clock.js';
import { GoogleApiError, googleErrors } from './errors.js';
import { EventPager, type PagingOptions } from './event-pages.js';
import { parseEventInput } from './event-input.js';
import { checkZone } from './event-time.js';
import { type FaultSpec, FaultSwitches } from './faults.js';
import { scopesOf } from './method-scopes.js';
import { registerOAuthRoutes } from './oauth-routes.js';
import { type AccountIdentity, type Grant, type IssuedTokens, normalizeScope, type OAuthClient, OAuthState, SIGN_IN_SCOPES } from './oauth-state.js';
import { registerOpenIdRoutes } from './openid-routes.js';
import { type Channel, type Delivery, PushChannels } from './push.js';
import type { EventInput, EventResource } from './types.js';

export interface GoogleAccountSpec {
  /** The account's email, also the id of its primary calendar. */
  email: string;
  /** IANA zone of the primary calendar; default UTC. */
  timeZone?: string;
  /** The account's stable id, the ID token's `sub`; by default 21 digits derived from the email. */
  sub?: string;
  /** Full name, the ID token's `name` (with the profile scope); by default the email's local part. */
  name?: string;
}

export interface GoogleFakeOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  clock?: FakeClock;
  accessTokenTtlSeconds?: number;
  /** Longest push channel lifetime; longer `expiration`s are capped. Default 7 days. */
  maxChannelLifetimeMs?: number;
  /** How far ahead open-ended series are expanded when a request gives no timeMax. Default 366 days. */
  recurrenceHorizonDays?: number;
  accounts?: GoogleAccountSpec[];
  clients?: OAuthClient[];
}

export interface RequestLogEntry {
  at: Date;
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** e.g. `events.list`, `oauth.token`; undefined for unknown routes. */
  operation?: string;
  account?: string;
  status: number;
}

export interface GoogleFake {
  /** http://127.0.0.1:PORT, no trailing slash. */
  readonly url: string;
  /** What to pass as `rootUrl` to `calendar({ version: 'v3', rootUrl })`. */
  readonly rootUrl: string;
  /** What to pass as `endpoints` to `new auth.OAuth2({ … })`. */
  readonly endpoints: { oauth2AuthBaseUrl: string; oauth2TokenUrl: string; oauth2RevokeUrl: string };
  /** The OpenID Connect discovery document; its `issuer` is https://accounts.google.com, its endpoints this fake's. */
  readonly openidConfigurationUrl: string;
  readonly clock: FakeClock;
  readonly requests: readonly RequestLogEntry[];
  readonly channels: readonly Channel[];
  readonly deliveries: readonly Delivery[];
  clearRequests(): void;
  addClient(client: OAuthClient): void;
  addAccount(account: GoogleAccountSpec): void;
  /** The leader moves the primary calendar to another IANA zone (events.list reports it from then on). */
  setCalendarTimeZone(account: string, timeZone: string): void;
  /** Who consents at the authorization endpoint when no known login_hint is given (default: first account). */
  setConsentAccount(email: string | undefined): void;
  /** Makes the authorization endpoint answer with `error` (e.g. access_denied) until called with undefined. */
  denyConsent(error: string | undefined): void;
  /**
   * Granular consent: from now on the user unticks these scopes on the consent screen (undefined ticks everything
   * again). The grant, the redirect's and the token response's `scope` leave them out. Google grants the sign-in
   * scopes (openid, email, profile) together, so they cannot be unticked: naming one throws.
   */
  untickScopes(scopes: string[] | undefined): void;
  /** Issues tokens without the browser step, as if the account had consented (offline ⇒ refresh token; openid ⇒ ID token). */
  issueTokens(input: { clientId: string; account: string; scopes?: string[]; offline?: boolean; nonce?: string }): IssuedTokens;
  /** Every grant made so far (copies), e.g. to see that a connect that was refused revoked its grant. */
  grants(account?: string): Grant[];
  /** Revokes the account's grants: refresh gives invalid_grant, API calls 401. Returns how many. */
  revokeGrants(account: string, clientId?: string): number;
  /**
   * The next ID tokens (one unless `times`) come out faulty: `foreign-key`, `wrong-audience`, `expired` or `replay`
   * (see IdTokenFaultKind). For sign-in tests: a relying party must refuse each.
   */
  injectIdTokenFault(fault: IdTokenFault): void;
  clearIdTokenFaults(): void;
  /** Starts signing ID tokens with a new key (returned `kid`); the old key stays in the JWK Set for a while. */
  rotateSigningKey(): string;
  expireAccessTokens(account?: string): void;
  /** Changes made "as the user in Google Calendar": validated like API writes, bump `updated`, trigger push. */
  insertEvent(account: string, event: EventInput): EventResource;
  updateEvent(account: string, eventId: string, patch: EventInput): EventResource;
  deleteEvent(account: string, eventId: string): void;
  getEvent(account: string, eventId: string): EventResource;
  /** Stored records (masters, single events, exceptions, cancelled ones) of the account's primary calendar. */
  storedEvents(account: string): EventResource[];
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  /** Every sync token of the account (or of all accounts) now gets 410 fullSyncRequired. */
  invalidateSyncTokens(account?: string): void;
  setPaging(paging: PagingOptions): void;
  /** Resolves when every push notification sent so far has been answered. */
  pushSettled(): Promise<void>;
  close(): Promise<void>;
}

const asApiError = (err: unknown): GoogleApiError | undefined => (err instanceof GoogleApiError ? err : undefined);

/** Wraps a control call so a Google error surfaces as a thrown Error with the reason in its message. */
function control<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    const api = asApiError(err);
    if (api) throw new Error(`google fake: ${api.statusCode} ${api.item.reason}: ${api.item.message}`, { cause: err });
    throw err;
  }
}

/** 21 digits, like Google's account ids, stable for an email. */
function subjectFor(email: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24)}`).toString().padStart(21, '0');
  return `1${digits.slice(-20)}`;
}

export async function startGoogleFake(opts: GoogleFakeOptions = {}): Promise<GoogleFake> {
  const clock = opts.clock ?? new FakeClock();
  const push = new PushChannels(clock, opts.maxChannelLifetimeMs ?? 7 * 24 * 3600_000);
  const store = new CalendarStore(clock, opts.recurrenceHorizonDays ?? 366, (calendarId) => push.notify(calendarId));
  const identities = new Map<string, AccountIdentity>();
  const keys = new SigningKeys();
  const idTokens = new IdTokenMinter(keys, () => clock.nowMs());
  const identityOf = (email: string): AccountIdentity => identities.get(email) ?? { email, sub: subjectFor(email), name: email.split('@')[0] ?? email };
  const oauth = new OAuthState(clock, opts.accessTokenTtlSeconds ?? 3600, idTokens, identityOf);
  let unticked: ReadonlySet<string> = new Set();
  const pager = new EventPager();
  const faults = new FaultSwitches();
  const requests: RequestLogEntry[] = [];
  const accounts = new WeakMap<FastifyRequest, string>();
  let consentAccount: string | undefined;
  let denial: string | undefined;
  let url = '';

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setErrorHandler((err, _req, reply) => {
    const api =
      asApiError(err) ??
      ((err as { statusCode?: number }).statusCode === 400 ? googleErrors.invalid((err as Error).message) : undefined) ??
      new GoogleApiError(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' });
    return reply.code(api.statusCode).headers(api.headers).send(api.body());
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(googleErrors.notFound().body()));
  app.addHook('preHandler', async (req) => {
    const operation = (req.routeOptions.config as { operation?: string }).operation;
    if (!operation) return;
    const account = accounts.get(req);
    const hit = faults.take({ operation, method: req.method, ...(account ? { account } : {}) });
    if (hit.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, hit.delayMs));
    if (hit.error) throw hit.error;
  });
  app.addHook('onResponse', async (req, reply) => {
    const operation = (req.routeOptions.config as { operation?: string } | undefined)?.operation;
    const account = accounts.get(req);
    requests.push({
      at: clock.now(),
      method: req.method,
      path: req.url.split('?')[0] ?? req.url,
      query: { ...(req.query as Record<string, unknown>) },
      ...(operation ? { operation } : {}),
      ...(account ? { account } : {}),
      status: reply.statusCode,
    });
  });

  registerOAuthRoutes(
    app,
    oauth,
    { account: () => consentAccount ?? store.calendars.keys().next().value, denial: () => denial, unticked: () => unticked },
    (email) => store.calendars.has(email),
  );
  registerOpenIdRoutes(app, keys, () => url);
  await app.register(async (api) => {
    api.addHook('onRequest', async (req, reply) => {
      const header = req.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      const found = token ? oauth.authenticate(token) : undefined;
      if (!found) {
        reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
        throw googleErrors.authError();
      }
      // Every method checks the token's scopes against its row in method-scopes.ts, before anything else.
      const operation = (req.routeOptions.config as { operation?: string } | undefined)?.operation;
      if (operation) {
        const accepted = scopesOf(operation).scopes;
        const held = oauth.scopesOf(found);
        if (!accepted.some((scope) => held.includes(scope))) throw googleErrors.insufficientPermissions(operation, accepted);
      }
      accounts.set(req, found.account);
    });
    registerCalendarRoutes(api, {
      store,
      pager,
      push,
      now: () => clock.now(),
      accountOf: (req) => accounts.get(req) ?? '',
      baseUrl: () => url,
    });
  });

  const addAccount = (a: GoogleAccountSpec) =>
    control(() => {
      store.addCalendar(a.email, a.timeZone ?? 'UTC');
      identities.set(a.email, { email: a.email, sub: a.sub ?? subjectFor(a.email), name: a.name ?? a.email.split('@')[0] ?? a.email });
    });
  for (const a of opts.accounts ?? []) addAccount(a);
  for (const c of opts.clients ?? []) oauth.clients.set(c.clientId, c);

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('google fake: no listening address');
  url = `http://${opts.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url,
    rootUrl: `${url}/`,
    endpoints: { oauth2AuthBaseUrl: `${url}/o/oauth2/v2/auth`, oauth2TokenUrl: `${url}/token`, oauth2RevokeUrl: `${url}/revoke` },
    openidConfigurationUrl: `${url}/.well-known/openid-configuration`,
    clock,
    requests,
    get channels() {
      return [...push.channels.values()];
    },
    deliveries: push.deliveries,
    clearRequests: () => {
      requests.length = 0;
    },
    addClient: (client) => {
      oauth.clients.set(client.clientId, client);
    },
    addAccount: (a) => {
      addAccount(a);
    },
    setCalendarTimeZone: (account, timeZone) =>
      control(() => {
        checkZone(timeZone);
        store.calendar(account).timeZone = timeZone;
      }),
    setConsentAccount: (email) => {
      consentAccount = email;
    },
    denyConsent: (error) => {
      denial = error;
    },
    untickScopes: (scopes) => {
      const long = (scopes ?? []).map(normalizeScope);
      const signIn = long.find((scope) => SIGN_IN_SCOPES.has(scope));
      if (signIn) throw new Error(`google fake: ${signIn} is a sign-in scope; Google grants those together, they cannot be unticked`);
      unticked = new Set(long);
    },
    issueTokens: ({ clientId, account, scopes, offline, nonce }) => {
      if (!oauth.clients.has(clientId)) throw new Error(`google fake: unknown client ${clientId}`);
      if (!store.calendars.has(account)) throw new Error(`google fake: unknown account ${account}`);
      return oauth.issue(clientId, account, scopes ?? ['https://www.googleapis.com/auth/calendar.events'], offline ?? true, nonce);
    },
    grants: (account) => [...oauth.grants.values()].filter((g) => account === undefined || g.account === account).map((g) => ({ ...g, scopes: [...g.scopes] })),
    revokeGrants: (account, clientId) => oauth.revokeGrants(account, clientId),
    injectIdTokenFault: (fault) => idTokens.addFault(fault),
    clearIdTokenFaults: () => idTokens.clearFaults(),
    rotateSigningKey: () => keys.rotate(),
    expireAccessTokens: (account) => oauth.expireAccessTokens(account),
    insertEvent: (account, event) => control(() => store.insert(account, parseEventInput(structuredClone(event)))),
    updateEvent: (account, eventId, patch) => control(() => store.modify(account, eventId, parseEventInput(structuredClone(patch)), 'patch')),
    deleteEvent: (account, eventId) => control(() => store.remove(account, eventId)),
    getEvent: (account, eventId) => control(() => store.get(account, eventId)),
    storedEvents: (account) => control(() => [...store.calendar(account).events.values()].map((s) => s.resource)),
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    invalidateSyncTokens: (account) => {
      for (const cal of store.calendars.values()) if (account === undefined || cal.id === account) cal.epoch++;
    },
    setPaging: (paging) => {
      pager.paging = { ...paging };
    },
    pushSettled: () => push.settled(),
    close: async () => {
      await push.settled();
      await app.close();
    },
  };
}
