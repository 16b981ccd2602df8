// The Microsoft fake's control API: accounts, clients, events as the user, faults, clock and lifecycle triggers.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseEventInput, type EventInput } from './event-input.js';
import { NotFoundError } from './event-store.js';
import { renderEvent } from './event-view.js';
import type { FakeContext } from './fake-context.js';
import type { MicrosoftFake } from './fake-handle.js';
import type { FakeAccount, FakeClient } from './model.js';
import { notifyLifecycle } from './notifier.js';
import { instancesOf } from './recurrence.js';
import { DateTime } from 'luxon';

type Control = Omit<MicrosoftFake, 'url' | 'port' | 'close'>;

/** What issueTokens grants unless told otherwise: sign-in, the profile, the mailbox settings and the calendar, read and write. */
const DEFAULT_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'MailboxSettings.Read', 'Calendars.Read', 'Calendars.ReadWrite'];

export function createControl(ctx: FakeContext, url: string): Control {
  const account = (id: string): FakeAccount => {
    const found = ctx.identity.accounts.get(id);
    if (!found) throw new Error(`No such fake account: ${id}`);
    return found;
  };
  const input = (body: EventInput) => parseEventInput(body);

  return {
    clock: ctx.clock,
    authority: (tenant = 'common') => `${url}/${tenant}/oauth2/v2.0`,
    openidConfigurationUrl: (tenant = 'common') => `${url}/${tenant}/v2.0/.well-known/openid-configuration`,
    addClient(client = {}) {
      const created: FakeClient = {
        clientId: client.clientId ?? randomUUID(),
        clientSecret: client.clientSecret ?? randomBytes(16).toString('base64url'),
        redirectUris: client.redirectUris ?? ['https://localhost/callback'],
      };
      ctx.identity.clients.set(created.clientId, created);
      return created;
    },
    addAccount(partial = {}) {
      const n = ctx.identity.accounts.size + 1;
      const mail = partial.mail ?? `leader${n}@contoso.example`;
      const created: FakeAccount = {
        id: partial.id ?? randomUUID(),
        tenantId: partial.tenantId ?? '72f988bf-86f1-41af-91ab-2d7cd011db47',
        displayName: partial.displayName ?? `Leader ${n}`,
        mail,
        userPrincipalName: partial.userPrincipalName ?? mail,
        timeZone: partial.timeZone ?? 'W. Europe Standard Time',
        workingHours: partial.workingHours ?? {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00',
          endTime: '17:00:00',
          timeZone: partial.timeZone ?? 'W. Europe Standard Time',
        },
      };
      ctx.identity.accounts.set(created.id, created);
      return created;
    },
    setConsent(consent) {
      ctx.consent = { ...consent };
    },
    issueTokens(accountId, opts = {}) {
      account(accountId);
      let clientId = opts.clientId;
      if (!clientId) {
        const first = [...ctx.identity.clients.values()][0];
        clientId = first?.clientId ?? this.addClient().clientId;
      }
      const client = ctx.identity.clients.get(clientId);
      if (!client) throw new Error(`No such fake client: ${clientId}`);
      const grant = ctx.identity.createGrant(accountId, clientId, opts.scopes ?? DEFAULT_SCOPES);
      const body = ctx.identity.tokenResponse(grant, opts.nonce);
      const tokens: { accessToken: string; expiresIn: number; refreshToken?: string; idToken?: string } = {
        accessToken: body['access_token'] as string,
        expiresIn: body['expires_in'] as number,
      };
      if (typeof body['refresh_token'] === 'string') tokens.refreshToken = body['refresh_token'];
      if (typeof body['id_token'] === 'string') tokens.idToken = body['id_token'];
      return tokens;
    },
    grants: (accountId) => ctx.identity.listGrants(accountId),
    injectIdTokenFault: (fault) => ctx.idTokens.addFault(fault),
    clearIdTokenFaults: () => ctx.idTokens.clearFaults(),
    rotateSigningKey: () => ctx.signingKeys.rotate(),
    createEvent(accountId, body) {
      return { id: ctx.events.create(account(accountId), input(body), true).id };
    },
    updateEvent(accountId, id, patch) {
      ctx.events.update(account(accountId).id, id, input(patch), true);
    },
    deleteEvent(accountId, id) {
      ctx.events.delete(account(accountId).id, id);
    },
    listEvents(accountId) {
      return ctx.events.list(accountId).map((e) =>
        renderEvent(e, { zoneName: 'UTC', zoneIana: 'UTC', expandProperties: e.singleValueExtendedProperties.map((p) => p.id) }),
      );
    },
    listInstances(accountId, seriesId, from, to) {
      const series = ctx.events.get(accountId, seriesId);
      if (!series) throw new NotFoundError(seriesId);
      const range = [DateTime.fromJSDate(from, { zone: 'UTC' }), DateTime.fromJSDate(to, { zone: 'UTC' })] as const;
      return instancesOf(series, ...range).map((i) => ({ id: i.id, start: i.start.toUTC().toISO()!, end: i.end.toUTC().toISO()! }));
    },
    limitPageSize(n) {
      if (n === undefined) delete ctx.options.maxPageSize;
      else ctx.options.maxPageSize = n;
    },
    fault: (rule) => ctx.faults.add(rule),
    clearFaults: () => ctx.faults.clear(),
    invalidateDeltaTokens(accountId, mode) {
      for (const state of ctx.deltaTokens.values()) if (state.accountId === accountId) state.invalidated = mode;
      for (const session of ctx.skipSessions.values()) if (session.accountId === accountId) session.invalidated = mode;
    },
    setDeltaQuirks: (accountId, quirks) => ctx.deltaQuirks.set(accountId, { ...quirks }),
    revokeGrants: (accountId) => ctx.identity.revokeAccount(accountId),
    subscriptions: (accountId) => [...ctx.subscriptions.values()].filter((s) => !accountId || s.accountId === accountId).map((s) => ({ ...s })),
    triggerLifecycle(subscriptionId, event) {
      const sub = ctx.subscriptions.get(subscriptionId);
      if (!sub) throw new NotFoundError(subscriptionId);
      notifyLifecycle(ctx, sub, event);
      if (event === 'subscriptionRemoved') ctx.subscriptions.delete(subscriptionId);
    },
    get requestLog() {
      return ctx.requestLog;
    },
    clearRequestLog() {
      ctx.requestLog.length = 0;
    },
    countRequests: (pathIncludes, method) =>
      ctx.requestLog.filter((r) => r.area === 'graph' && r.url.split('?')[0]!.includes(pathIncludes) && (!method || r.method === method)).length,
    get deliveries() {
      return ctx.deliveries;
    },
    async flushNotifications() {
      while (ctx.pendingDeliveries.size > 0) await Promise.allSettled([...ctx.pendingDeliveries]);
    },
  };
}
