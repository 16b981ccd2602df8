// startGoogleFake(): a local Google Calendar v3 + OAuth2 server with a control API for tests and the demo.
import Fastify, { type FastifyRequest } from 'fastify';
import { registerCalendarRoutes } from './calendar-routes.js';
import { CalendarStore } from './calendar-store.js';
import { FakeClock } from './clock.js';
import { GoogleApiError, googleErrors } from './errors.js';
import { EventPager, type PagingOptions } from './event-pages.js';
import { parseEventInput } from './event-input.js';
import { type FaultSpec, FaultSwitches } from './faults.js';
import { registerOAuthRoutes } from './oauth-routes.js';
import { type IssuedTokens, type OAuthClient, OAuthState } from './oauth-state.js';
import { type Channel, type Delivery, PushChannels } from './push.js';
import type { EventInput, EventResource } from './types.js';

export interface GoogleAccountSpec {
  /** The account's email, also the id of its primary calendar. */
  email: string;
  /** IANA zone of the primary calendar; default UTC. */
  timeZone?: string;
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
  readonly clock: FakeClock;
  readonly requests: readonly RequestLogEntry[];
  readonly channels: readonly Channel[];
  readonly deliveries: readonly Delivery[];
  clearRequests(): void;
  addClient(client: OAuthClient): void;
  addAccount(account: GoogleAccountSpec): void;
  /** Who consents at the authorization endpoint when no known login_hint is given (default: first account). */
  setConsentAccount(email: string | undefined): void;
  /** Makes the authorization endpoint answer with `error` (e.g. access_denied) until called with undefined. */
  denyConsent(error: string | undefined): void;
  /** Issues tokens without the browser step, as if the account had consented (offline ⇒ refresh token). */
  issueTokens(input: { clientId: string; account: string; scopes?: string[]; offline?: boolean }): IssuedTokens;
  /** Revokes the account's grants: refresh gives invalid_grant, API calls 401. Returns how many. */
  revokeGrants(account: string, clientId?: string): number;
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

export async function startGoogleFake(opts: GoogleFakeOptions = {}): Promise<GoogleFake> {
  const clock = opts.clock ?? new FakeClock();
  const push = new PushChannels(clock, opts.maxChannelLifetimeMs ?? 7 * 24 * 3600_000);
  const store = new CalendarStore(clock, opts.recurrenceHorizonDays ?? 366, (calendarId) => push.notify(calendarId));
  const oauth = new OAuthState(clock, opts.accessTokenTtlSeconds ?? 3600);
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

  registerOAuthRoutes(app, oauth, { account: () => consentAccount ?? store.calendars.keys().next().value, denial: () => denial }, (email) =>
    store.calendars.has(email),
  );
  await app.register(async (api) => {
    api.addHook('onRequest', async (req, reply) => {
      const header = req.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      const found = token ? oauth.authenticate(token) : undefined;
      if (!found) {
        reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
        throw googleErrors.authError();
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

  const addAccount = (a: GoogleAccountSpec) => control(() => store.addCalendar(a.email, a.timeZone ?? 'UTC'));
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
    setConsentAccount: (email) => {
      consentAccount = email;
    },
    denyConsent: (error) => {
      denial = error;
    },
    issueTokens: ({ clientId, account, scopes, offline }) => {
      if (!oauth.clients.has(clientId)) throw new Error(`google fake: unknown client ${clientId}`);
      if (!store.calendars.has(account)) throw new Error(`google fake: unknown account ${account}`);
      return oauth.issue(clientId, account, scopes ?? ['https://www.googleapis.com/auth/calendar.events'], offline ?? true);
    },
    revokeGrants: (account, clientId) => oauth.revokeGrants(account, clientId),
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
