// calendarView delta on the Microsoft fake through the real Graph client: rounds, removals, occurrences, dead tokens, quirks.
import { Client, type GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import t, { type Test } from 'tap';
import { startMicrosoftFake } from '../src/index.js';

type Row = { id: string; '@removed'?: { reason: string }; type?: string; subject?: string; seriesMasterId?: string | null };

async function setup(t: Test) {
  const fake = await startMicrosoftFake({ now: new Date('2026-11-25T12:00:00Z') });
  t.teardown(() => fake.close());
  const account = fake.addAccount();
  const token = fake.issueTokens(account.id).accessToken;
  const client = Client.initWithMiddleware({ authProvider: { getAccessToken: async () => token }, baseUrl: fake.url, customHosts: new Set(['localhost']) });
  /** Runs a delta round to its end: rows of every page, page count and the deltaLink. */
  async function round(start: string, pageSize = 2): Promise<{ rows: Row[]; pages: Row[][]; deltaLink: string }> {
    const pages: Row[][] = [];
    let url = start;
    for (;;) {
      const page = await client.api(url).header('Prefer', `outlook.timezone="UTC", odata.maxpagesize=${pageSize}`).get();
      pages.push(page.value);
      if (page['@odata.nextLink']) {
        t.match(page['@odata.nextLink'], /^https:\/\/localhost:\d+\/v1\.0\/me\/calendarView\/delta\?\$skiptoken=/);
        url = page['@odata.nextLink'];
        continue;
      }
      t.match(page['@odata.deltaLink'], /\$deltatoken=/);
      return { rows: pages.flat(), pages, deltaLink: page['@odata.deltaLink'] };
    }
  }
  return { fake, account, client, round };
}

const at = (day: string, hour: number, subject: string, extra: Record<string, unknown> = {}) => ({
  subject,
  start: { dateTime: `${day}T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'UTC' },
  end: { dateTime: `${day}T${String(hour + 1).padStart(2, '0')}:00:00`, timeZone: 'UTC' },
  ...extra,
});
const WINDOW = '/me/calendarView/delta?startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-07T00:00:00Z';

t.test('initial round pages with $skiptoken and ends with a deltaLink; the next round returns only changes', async (t) => {
  const { fake, account, round } = await setup(t);
  const a = fake.createEvent(account.id, at('2026-11-30', 9, 'A'));
  const b = fake.createEvent(account.id, at('2026-12-01', 9, 'B'));
  fake.createEvent(account.id, at('2026-12-02', 9, 'C'));
  fake.createEvent(account.id, at('2026-12-20', 9, 'outside'));
  const first = await round(WINDOW);
  t.equal(first.pages.length, 2);
  t.same(first.rows.map((r) => r.subject), ['A', 'B', 'C']);

  const quiet = await round(first.deltaLink);
  t.same(quiet.rows, [], 'nothing changed, nothing returned');

  fake.updateEvent(account.id, a.id, { subject: 'A2' });
  fake.deleteEvent(account.id, b.id);
  fake.updateEvent(account.id, fake.createEvent(account.id, at('2026-12-03', 9, 'D')).id, { start: { dateTime: '2027-01-10T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-10T10:00:00', timeZone: 'UTC' } });
  const second = await round(quiet.deltaLink, 10);
  t.equal(second.rows.length, 3);
  t.equal(second.rows[0]!.subject, 'A2');
  t.same(second.rows[1], { id: b.id, '@removed': { reason: 'deleted' } });
  t.ok(second.rows[2]!['@removed'], 'an event moved out of the window comes as @removed');
});

t.test('series are expanded: occurrences, exceptions and cancelled occurrences', async (t) => {
  const { fake, account, round } = await setup(t);
  const series = fake.createEvent(account.id, {
    ...at('2026-11-30', 8, 'Weekly 1:1'),
    recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'thursday'] }, range: { type: 'endDate', startDate: '2026-11-30', endDate: '2026-12-31' } },
  });
  const first = await round(WINDOW, 10);
  t.same(first.rows.map((r) => r.type), ['occurrence', 'occurrence'], 'Monday and Thursday of the window');
  t.ok(first.rows.every((r) => r.seriesMasterId === series.id));
  const [monday, thursday] = first.rows;
  fake.updateEvent(account.id, thursday!.id, { subject: 'Moved 1:1', start: { dateTime: '2026-12-03T14:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-03T15:00:00', timeZone: 'UTC' } });
  fake.deleteEvent(account.id, monday!.id);
  const second = await round(first.deltaLink, 10);
  t.same(
    second.rows.map((r) => (r['@removed'] ? `removed ${r.id}` : `${r.type} ${r.subject}`)),
    ['exception Moved 1:1', `removed ${monday!.id}`],
  );
});

for (const [mode, status, code] of [
  ['gone', 410, 'SyncStateInvalid'],
  ['syncStateNotFound', 400, 'syncStateNotFound'],
  ['resyncRequired', 400, 'resyncRequired'],
] as const) {
  t.test(`invalidated delta tokens: ${mode}`, async (t) => {
    const { fake, account, client, round } = await setup(t);
    fake.createEvent(account.id, at('2026-11-30', 9, 'A'));
    const first = await round(WINDOW);
    fake.invalidateDeltaTokens(account.id, mode);
    const err = await client
      .api(first.deltaLink)
      .middlewareOptions([new RetryHandlerOptions(0, 0)])
      .get()
      .then(
        () => undefined,
        (e: GraphError) => e,
      );
    t.equal(err?.statusCode, status);
    t.equal(err?.code, code);
    if (mode === 'gone') t.match(err?.headers?.get('location'), /\$deltatoken=$/, 'Location carries an empty $deltatoken');
    const fresh = await round(WINDOW);
    t.equal(fresh.rows.length, 1, 'a new round from the window works');
  });
}

t.test('unknown tokens and $expand are rejected', async (t) => {
  const { client, fake } = await setup(t);
  const unknown = await client.api('/me/calendarView/delta?$deltatoken=bogus').get().catch((e: GraphError) => e);
  t.equal(unknown.statusCode, 400);
  const expand = await client.api(`${WINDOW}&$expand=singleValueExtendedProperties`).get().catch((e: GraphError) => e);
  t.equal(expand.statusCode, 400, 'delta does not support $expand');
  t.ok(fake.countRequests('/calendarView/delta') >= 2);
});

t.test('quirks: duplicate ids within a page, and replayed rounds', async (t) => {
  const { fake, account, round } = await setup(t);
  fake.setDeltaQuirks(account.id, { duplicateIds: true, replay: true });
  const a = fake.createEvent(account.id, at('2026-11-30', 9, 'A'));
  const first = await round(WINDOW, 10);
  t.same(first.rows.map((r) => r.id), [a.id, a.id]);
  fake.updateEvent(account.id, a.id, { subject: 'A2' });
  const second = await round(first.deltaLink, 10);
  const third = await round(second.deltaLink, 10);
  t.same(third.rows.map((r) => r.subject), ['A2', 'A2'], 'the same change is delivered again');
});
