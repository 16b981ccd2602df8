// Monthly and yearly Graph patterns in the Microsoft fake through the real Graph client: expansion, calendarView,
// /me/events/{id}/instances and the validation Graph does.
import type { Client } from '@microsoft/microsoft-graph-client';
import t, { type Test } from 'tap';
import type { MicrosoftEventInput } from '../src/index.js';
import { graphError, graphSetup } from './fixtures/graph-client.js';

const ZONE = 'W. Europe Standard Time';
const LOCAL = `outlook.timezone="${ZONE}"`;

const setup = (t: Test) => graphSetup(t, '2026-01-01T12:00:00Z');

type Pattern = Record<string, unknown>;
type Range = { type: 'endDate' | 'noEnd' | 'numbered'; endDate?: string; numberOfOccurrences?: number };

/** A 09:00–10:00 series in W. Europe time starting on `date`. */
const series = (subject: string, date: string, pattern: Pattern, range: Range) => ({
  subject,
  start: { dateTime: `${date}T09:00:00`, timeZone: ZONE },
  end: { dateTime: `${date}T10:00:00`, timeZone: ZONE },
  recurrence: { pattern, range: { startDate: date, ...range } },
});

interface Row {
  id: string;
  type: string;
  seriesMasterId: string | null;
  subject: string;
  start: { dateTime: string; timeZone: string };
}

/** Every page of a Graph collection, following @odata.nextLink. */
async function allPages(client: Client, url: string, prefer: string): Promise<Row[]> {
  const out: Row[] = [];
  let next: string | undefined = url;
  while (next) {
    const page: { value: Row[]; '@odata.nextLink'?: string } = await client.api(next).header('Prefer', prefer).get();
    out.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return out;
}

const window = (from: string, to: string) => `startDateTime=${from}T00:00:00Z&endDateTime=${to}T00:00:00Z`;
const at9 = (...dates: string[]) => dates.map((d) => `${d}T09:00`);
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

const TABLE: { name: string; start: string; pattern: Pattern; range: Range; expect: string[] }[] = [
  { name: 'absoluteMonthly on the 31st falls on the last day of shorter months', start: '2026-01-31', pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'numbered', numberOfOccurrences: 5 }, expect: at9('2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31') },
  { name: 'absoluteMonthly every third month to an endDate (inclusive)', start: '2026-01-15', pattern: { type: 'absoluteMonthly', interval: 3, dayOfMonth: 15 }, range: { type: 'endDate', endDate: '2026-10-15' }, expect: at9('2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15') },
  { name: 'absoluteMonthly starts on the first matching day on or after startDate', start: '2026-01-15', pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 10 }, range: { type: 'numbered', numberOfOccurrences: 3 }, expect: at9('2026-02-10', '2026-03-10', '2026-04-10') },
  { name: 'relativeMonthly first Monday', start: '2026-01-05', pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'first' }, range: { type: 'numbered', numberOfOccurrences: 4 }, expect: at9('2026-01-05', '2026-02-02', '2026-03-02', '2026-04-06') },
  { name: 'relativeMonthly last Friday', start: '2026-01-30', pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range: { type: 'numbered', numberOfOccurrences: 4 }, expect: at9('2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24') },
  { name: 'relativeMonthly last weekday (several daysOfWeek: the index-th of them)', start: '2026-01-30', pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: weekdays, index: 'last' }, range: { type: 'numbered', numberOfOccurrences: 4 }, expect: at9('2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30') },
  { name: 'relativeMonthly first weekend day', start: '2026-01-01', pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['saturday', 'sunday'], index: 'first' }, range: { type: 'numbered', numberOfOccurrences: 4 }, expect: at9('2026-01-03', '2026-02-01', '2026-03-01', '2026-04-04') },
  { name: 'relativeMonthly second Tuesday every other month', start: '2026-01-13', pattern: { type: 'relativeMonthly', interval: 2, daysOfWeek: ['tuesday'], index: 'second' }, range: { type: 'numbered', numberOfOccurrences: 3 }, expect: at9('2026-01-13', '2026-03-10', '2026-05-12') },
  { name: 'relativeMonthly without index means first', start: '2026-01-07', pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['wednesday'] }, range: { type: 'numbered', numberOfOccurrences: 3 }, expect: at9('2026-01-07', '2026-02-04', '2026-03-04') },
  { name: 'absoluteYearly Feb 29 falls on Feb 28 in other years', start: '2024-02-29', pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 29, month: 2 }, range: { type: 'numbered', numberOfOccurrences: 5 }, expect: at9('2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29') },
  { name: 'absoluteYearly every other year', start: '2026-03-15', pattern: { type: 'absoluteYearly', interval: 2, dayOfMonth: 15, month: 3 }, range: { type: 'numbered', numberOfOccurrences: 3 }, expect: at9('2026-03-15', '2028-03-15', '2030-03-15') },
  { name: 'absoluteYearly whose date has passed in the start year begins the next year', start: '2026-03-01', pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 10, month: 1 }, range: { type: 'numbered', numberOfOccurrences: 2 }, expect: at9('2027-01-10', '2028-01-10') },
  { name: 'relativeYearly fourth Thursday of November', start: '2026-11-26', pattern: { type: 'relativeYearly', interval: 1, daysOfWeek: ['thursday'], index: 'fourth', month: 11 }, range: { type: 'numbered', numberOfOccurrences: 3 }, expect: at9('2026-11-26', '2027-11-25', '2028-11-23') },
  { name: 'relativeYearly last Monday of May, no end', start: '2026-05-25', pattern: { type: 'relativeYearly', interval: 1, daysOfWeek: ['monday'], index: 'last', month: 5 }, range: { type: 'noEnd' }, expect: at9('2026-05-25', '2027-05-31', '2028-05-29', '2029-05-28', '2030-05-27') },
];

t.test('monthly and yearly patterns expand as Outlook does, listed by /me/events/{id}/instances', async (t) => {
  const { client } = await setup(t);
  for (const row of TABLE) {
    const created = await client.api('/me/events').post(series(row.name, row.start, row.pattern, row.range));
    t.equal(created.type, 'seriesMaster');
    t.match(created.recurrence, { pattern: row.pattern }, `${row.name}: the pattern is stored as sent`);
    const rows = await allPages(client, `/me/events/${created.id}/instances?${window('2024-01-01', '2031-01-01')}`, `${LOCAL}, odata.maxpagesize=3`);
    t.same(rows.map((r) => r.start.dateTime.slice(0, 16)), row.expect, row.name);
    t.ok(rows.every((r) => r.type === 'occurrence' && r.seriesMasterId === created.id && r.subject === row.name), `${row.name}: occurrences of this series`);
  }
});

t.test('a relativeMonthly series across the DST change keeps 09:00 local in calendarView', async (t) => {
  const { client } = await setup(t);
  const created = await client
    .api('/me/events')
    .post(series('Styrelse', '2026-01-05', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'first' }, { type: 'noEnd' }));
  const inUtc = await allPages(client, `/me/calendarView?${window('2026-02-01', '2026-12-01')}`, 'odata.maxpagesize=4');
  t.same(
    inUtc.map((r) => r.start.dateTime),
    [
      '2026-02-02T08:00:00.0000000',
      '2026-03-02T08:00:00.0000000',
      '2026-04-06T07:00:00.0000000',
      '2026-05-04T07:00:00.0000000',
      '2026-06-01T07:00:00.0000000',
      '2026-07-06T07:00:00.0000000',
      '2026-08-03T07:00:00.0000000',
      '2026-09-07T07:00:00.0000000',
      '2026-10-05T07:00:00.0000000',
      '2026-11-02T08:00:00.0000000',
    ],
    'UTC moves with summer time',
  );
  t.ok(inUtc.every((r) => r.seriesMasterId === created.id));
  const local = await allPages(client, `/me/calendarView?${window('2026-02-01', '2026-12-01')}`, LOCAL);
  t.ok(local.length === 10 && local.every((r) => r.start.dateTime.slice(11) === '09:00:00.0000000'), 'always 09:00 in W. Europe time');
});

t.test('/me/events/{id}/instances: occurrences and exceptions, no cancelled ones, calendarView rows, paging, 400 and 404', async (t) => {
  const { client, fake, account } = await setup(t);
  const lastWeekday = series('1:1', '2026-01-30', { type: 'relativeMonthly', interval: 1, daysOfWeek: weekdays, index: 'last' }, { type: 'numbered', numberOfOccurrences: 6 });
  const { id } = fake.createEvent(account.id, lastWeekday as MicrosoftEventInput);
  const listed = fake.listInstances(account.id, id, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
  t.equal(listed.length, 6);
  fake.deleteEvent(account.id, listed[1]!.id);
  fake.updateEvent(account.id, listed[2]!.id, { subject: 'Moved', start: { dateTime: '2026-03-30T13:00:00', timeZone: ZONE }, end: { dateTime: '2026-03-30T14:00:00', timeZone: ZONE } });
  fake.createEvent(account.id, { subject: 'Lunch', start: { dateTime: '2026-03-30T12:00:00', timeZone: ZONE }, end: { dateTime: '2026-03-30T13:00:00', timeZone: ZONE } });

  const query = window('2026-01-01', '2026-06-01');
  const rows = await allPages(client, `/me/events/${id}/instances?${query}`, `${LOCAL}, odata.maxpagesize=2`);
  t.same(
    rows.map((r) => [r.type, r.start.dateTime.slice(0, 16), r.subject]),
    [
      ['occurrence', '2026-01-30T09:00', '1:1'],
      ['exception', '2026-03-30T13:00', 'Moved'],
      ['occurrence', '2026-04-30T09:00', '1:1'],
      ['occurrence', '2026-05-29T09:00', '1:1'],
    ],
    'the cancelled February occurrence is left out, the moved March one is an exception, other events are not included',
  );
  const view = await allPages(client, `/me/calendarView?${query}`, LOCAL);
  t.same(rows, view.filter((r) => r.seriesMasterId === id), 'the same rows calendarView shows for the series');
  const narrow = await allPages(client, `/me/events/${id}/instances?${window('2026-04-01', '2026-05-01')}`, LOCAL);
  t.same(narrow.map((r) => r.start.dateTime.slice(0, 10)), ['2026-04-30'], 'only the window');

  const missing = await graphError(client.api(`/me/events/${id}/instances`).get());
  t.equal(missing.statusCode, 400);
  t.equal(missing.code, 'ErrorInvalidParameter');
  t.equal((await graphError(client.api(`/me/events/${id}/instances?startDateTime=2026-01-01T00:00:00Z`).get())).statusCode, 400, 'both ends are needed');
  const unknown = await graphError(client.api(`/me/events/AAMkAGnope/instances?${query}`).get());
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.code, 'ErrorItemNotFound');
  const single = fake.listEvents(account.id).find((e) => e['subject'] === 'Lunch')!;
  t.same((await client.api(`/me/events/${single['id']}/instances?${query}`).get()).value, [], 'a single event has no instances');
});

t.test('patterns are validated as Graph does: 400 ErrorInvalidRequest, nothing stored', async (t) => {
  const { client, fake, account } = await setup(t);
  const numbered: Range = { type: 'numbered', numberOfOccurrences: 3 };
  const refused: [string, Pattern, Range, RegExp][] = [
    ['absoluteMonthly without dayOfMonth', { type: 'absoluteMonthly', interval: 1 }, numbered, /requires dayOfMonth/],
    ['absoluteMonthly dayOfMonth 32', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 32 }, numbered, /dayOfMonth/],
    ['absoluteMonthly dayOfMonth 0', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 0 }, numbered, /dayOfMonth/],
    ['relativeMonthly without daysOfWeek', { type: 'relativeMonthly', interval: 1, index: 'first' }, numbered, /requires daysOfWeek/],
    ['relativeMonthly with empty daysOfWeek', { type: 'relativeMonthly', interval: 1, daysOfWeek: [] }, numbered, /requires daysOfWeek/],
    ['relativeMonthly with an unknown weekday', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['funday'] }, numbered, /daysOfWeek/],
    ['relativeMonthly index fifth', { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'fifth' }, numbered, /index/],
    ['absoluteYearly without month', { type: 'absoluteYearly', interval: 1, dayOfMonth: 1 }, numbered, /requires month/],
    ['absoluteYearly without dayOfMonth', { type: 'absoluteYearly', interval: 1, month: 1 }, numbered, /requires dayOfMonth/],
    ['absoluteYearly month 13', { type: 'absoluteYearly', interval: 1, dayOfMonth: 1, month: 13 }, numbered, /month/],
    ['relativeYearly without month', { type: 'relativeYearly', interval: 1, daysOfWeek: ['monday'], index: 'first' }, numbered, /requires month/],
    ['relativeYearly without daysOfWeek', { type: 'relativeYearly', interval: 1, month: 5, index: 'last' }, numbered, /requires daysOfWeek/],
    ['weekly without daysOfWeek', { type: 'weekly', interval: 1 }, numbered, /requires daysOfWeek/],
    ['an interval of 0', { type: 'absoluteMonthly', interval: 0, dayOfMonth: 1 }, numbered, /interval/],
    ['an unknown pattern type', { type: 'hourly', interval: 1 }, numbered, /type/],
    ['an endDate range without endDate', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 1 }, { type: 'endDate' }, /requires endDate/],
    ['an endDate before startDate', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 1 }, { type: 'endDate', endDate: '2025-12-31' }, /endDate/],
    ['a numbered range of 0', { type: 'absoluteMonthly', interval: 1, dayOfMonth: 1 }, { type: 'numbered', numberOfOccurrences: 0 }, /numberOfOccurrences/],
  ];
  for (const [name, pattern, range, message] of refused) {
    const err = await graphError(client.api('/me/events').post(series(name, '2026-01-05', pattern, range)));
    t.equal(err.statusCode, 400, name);
    t.equal(err.code, 'ErrorInvalidRequest', name);
    t.match(err.message, message, name);
  }
  t.equal(fake.listEvents(account.id).length, 0, 'nothing was stored');

  // Graph echoes 0 for the parts a type does not use; sending them back is fine.
  const echoed = { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'first', dayOfMonth: 0, month: 0, firstDayOfWeek: 'sunday' };
  const created = await client.api('/me/events').post(series('Echo', '2026-01-05', echoed, numbered));
  const bad = await graphError(client.api(`/me/events/${created.id}`).patch({ recurrence: { pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 5 }, range: { type: 'noEnd', startDate: '2026-01-05' } } }));
  t.equal(bad.statusCode, 400, 'a PATCH to an invalid pattern is refused');
  t.match((await client.api(`/me/events/${created.id}`).get()).recurrence, { pattern: { type: 'relativeMonthly' } }, 'and leaves the series as it was');
});
