// Monthly and yearly recurrence, RDATE/EXDATE and the refusals of the Google fake, driven through its HTTP API.
import t, { type Test } from 'tap';
import { type Api, EVENTS, startApi } from './fixtures/google-fake-api.js';

const ZONE = 'Europe/Stockholm';
const WINDOW = { timeMin: '2024-01-01T00:00:00Z', timeMax: '2034-01-01T00:00:00Z' };

/** A one-hour series at 09:00 Stockholm time (`start` is a local date), or an all-day one. */
function series(id: string, start: string, recurrence: string[], allDay = false) {
  if (allDay) return { id, summary: id, start: { date: start }, end: { date: new Date(Date.parse(start) + 86_400_000).toISOString().slice(0, 10) }, recurrence };
  return {
    id,
    summary: id,
    start: { dateTime: `${start}T09:00:00`, timeZone: ZONE },
    end: { dateTime: `${start}T10:00:00`, timeZone: ZONE },
    recurrence,
  };
}

interface Instance {
  id: string;
  recurringEventId: string;
  start: { dateTime?: string; date?: string };
  originalStartTime: { dateTime?: string; date?: string };
}

async function insert(t: Test, call: Api['call'], body: unknown): Promise<void> {
  const res = await call('POST', EVENTS, { body });
  t.equal(res.status, 200, `inserted: ${JSON.stringify(res.body?.error?.message ?? '')}`);
}

/** The series' instances from events.list with singleEvents=true, every page. */
async function listed(call: Api['call'], id: string, window = WINDOW): Promise<Instance[]> {
  const items: Instance[] = [];
  let pageToken: string | undefined;
  do {
    const query: Record<string, string> = { singleEvents: 'true', orderBy: 'startTime', q: id, maxResults: '7', ...window };
    if (pageToken) query['pageToken'] = pageToken;
    const res = await call('GET', EVENTS, { query });
    if (res.status !== 200) throw new Error(`events.list answered ${res.status}`);
    items.push(...res.body.items);
    pageToken = res.body.nextPageToken;
  } while (pageToken);
  return items;
}

/** Local wall-clock starts (yyyy-MM-ddTHH:mm), or dates for all-day instances. */
const localStarts = (items: Instance[]) => items.map((i) => i.start.date ?? i.start.dateTime!.slice(0, 16));
const at9 = (...dates: string[]) => dates.map((d) => `${d}T09:00`);

const TABLE: { name: string; start: string; rule: string; expect: string[] }[] = [
  { name: 'the 31st: months without one are skipped, not clamped', start: '2026-01-31', rule: 'FREQ=MONTHLY;COUNT=5', expect: at9('2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31') },
  { name: 'BYMONTHDAY=-1: the last day of every month', start: '2026-01-31', rule: 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4', expect: at9('2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30') },
  { name: 'BYMONTHDAY=1,15', start: '2026-01-01', rule: 'FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=4', expect: at9('2026-01-01', '2026-01-15', '2026-02-01', '2026-02-15') },
  { name: 'first Monday of the month (1MO)', start: '2026-01-05', rule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=4', expect: at9('2026-01-05', '2026-02-02', '2026-03-02', '2026-04-06') },
  { name: 'last Friday of the month (-1FR)', start: '2026-01-30', rule: 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=4', expect: at9('2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24') },
  { name: 'second Tuesday every other month (INTERVAL=2)', start: '2026-01-13', rule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU;COUNT=3', expect: at9('2026-01-13', '2026-03-10', '2026-05-12') },
  { name: 'a plain weekday in a MONTHLY rule is every such weekday', start: '2026-02-02', rule: 'FREQ=MONTHLY;BYDAY=MO;COUNT=6', expect: at9('2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09') },
  { name: 'last weekday of the month (BYSETPOS=-1)', start: '2026-01-30', rule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4', expect: at9('2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30') },
  { name: 'first and last weekday (BYSETPOS=1,-1); the start month counts from the start', start: '2026-01-15', rule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;COUNT=4', expect: at9('2026-01-30', '2026-02-02', '2026-02-27', '2026-03-02') },
  { name: 'BYDAY limited by BYMONTHDAY: the first Saturday', start: '2026-01-03', rule: 'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=1,2,3,4,5,6,7;COUNT=3', expect: at9('2026-01-03', '2026-02-07', '2026-03-07') },
  { name: 'every third month UNTIL an occurrence (inclusive)', start: '2026-01-15', rule: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=20261015T070000Z', expect: at9('2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15') },
  { name: 'every third month UNTIL a second before an occurrence', start: '2026-01-15', rule: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=20261015T065959Z', expect: at9('2026-01-15', '2026-04-15', '2026-07-15') },
  { name: 'MONTHLY limited by BYMONTH', start: '2026-01-10', rule: 'FREQ=MONTHLY;BYMONTH=1,6;COUNT=4', expect: at9('2026-01-10', '2026-06-10', '2027-01-10', '2027-06-10') },
  { name: 'Feb 29 yearly: only in leap years', start: '2024-02-29', rule: 'FREQ=YEARLY;COUNT=3', expect: at9('2024-02-29', '2028-02-29', '2032-02-29') },
  { name: 'yearly every other year (INTERVAL=2)', start: '2026-03-15', rule: 'FREQ=YEARLY;INTERVAL=2;COUNT=3', expect: at9('2026-03-15', '2028-03-15', '2030-03-15') },
  { name: 'fourth Thursday of November (BYMONTH=11;BYDAY=4TH)', start: '2026-11-26', rule: 'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3', expect: at9('2026-11-26', '2027-11-25', '2028-11-23') },
  { name: 'yearly on the last day of February and March', start: '2026-02-28', rule: 'FREQ=YEARLY;BYMONTH=2,3;BYMONTHDAY=-1;COUNT=6', expect: at9('2026-02-28', '2026-03-31', '2027-02-28', '2027-03-31', '2028-02-29', '2028-03-31') },
  { name: 'yearly BYMONTH without a day: the start day in those months', start: '2026-01-20', rule: 'FREQ=YEARLY;BYMONTH=1,7;UNTIL=20270630', expect: at9('2026-01-20', '2026-07-20', '2027-01-20') },
  { name: 'yearly BYDAY ordinal without BYMONTH counts within the year (20MO)', start: '2026-05-18', rule: 'FREQ=YEARLY;BYDAY=20MO;COUNT=2', expect: at9('2026-05-18', '2027-05-17') },
  { name: 'weekly INTERVAL=2 with WKST=MO', start: '2026-08-04', rule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', expect: at9('2026-08-04', '2026-08-09', '2026-08-18', '2026-08-23') },
  { name: 'weekly INTERVAL=2 with WKST=SU groups other weeks', start: '2026-08-04', rule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', expect: at9('2026-08-04', '2026-08-16', '2026-08-18', '2026-08-30') },
];

t.test('monthly and yearly rules expand as RFC 5545 says, listed with singleEvents=true', async (t) => {
  const { call } = await startApi(t);
  const ids = TABLE.map((_, i) => `case${String(i).padStart(2, '0')}`);
  for (const [i, row] of TABLE.entries()) await insert(t, call, series(ids[i]!, row.start, [`RRULE:${row.rule}`]));
  for (const [i, row] of TABLE.entries()) {
    const items = await listed(call, ids[i]!);
    t.same(localStarts(items), row.expect, `${row.name}: ${row.rule}`);
    t.ok(items.every((item) => item.recurringEventId === ids[i]), `${row.name}: every instance names its series`);
  }
});

t.test('a monthly series across the Stockholm DST changes stays at 09:00 local; instance ids are UTC', async (t) => {
  const { call } = await startApi(t);
  await insert(t, call, series('dst00', '2026-01-05', ['RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=12']));
  const items = await listed(call, 'dst00');
  t.same(
    items.map((i) => i.start.dateTime),
    [
      '2026-01-05T09:00:00+01:00',
      '2026-02-02T09:00:00+01:00',
      '2026-03-02T09:00:00+01:00',
      '2026-04-06T09:00:00+02:00',
      '2026-05-04T09:00:00+02:00',
      '2026-06-01T09:00:00+02:00',
      '2026-07-06T09:00:00+02:00',
      '2026-08-03T09:00:00+02:00',
      '2026-09-07T09:00:00+02:00',
      '2026-10-05T09:00:00+02:00',
      '2026-11-02T09:00:00+01:00',
      '2026-12-07T09:00:00+01:00',
    ],
  );
  t.equal(items[2]!.id, 'dst00_20260302T080000Z');
  t.equal(items[3]!.id, 'dst00_20260406T070000Z', 'summer time: 09:00 local is 07:00 UTC');
  t.same(items[3]!.originalStartTime, { dateTime: '2026-04-06T09:00:00+02:00', timeZone: ZONE });

  const one = await call('GET', `${EVENTS}/dst00_20260406T070000Z`);
  t.equal(one.status, 200);
  t.match(one.body, { recurringEventId: 'dst00', start: { dateTime: '2026-04-06T09:00:00+02:00' }, end: { dateTime: '2026-04-06T10:00:00+02:00' } });

  const inst = await call('GET', `${EVENTS}/dst00/instances`, { query: { timeMin: '2026-03-15T00:00:00Z', timeMax: '2026-06-15T00:00:00Z' } });
  t.equal(inst.status, 200);
  t.same(inst.body.items.map((i: Instance) => i.id), ['dst00_20260406T070000Z', 'dst00_20260504T070000Z', 'dst00_20260601T070000Z'], 'events.instances in a window');

  const window = await listed(call, 'dst00', { timeMin: '2026-10-01T00:00:00Z', timeMax: '2026-12-01T00:00:00Z' });
  t.same(localStarts(window), at9('2026-10-05', '2026-11-02'), 'a window across the autumn change');
});

t.test('EXDATE removes, RDATE adds; COUNT counts the rule before EXDATE and never RDATEs', async (t) => {
  const { call } = await startApi(t);
  await insert(
    t,
    call,
    series('rdt00', '2026-01-01', [
      'RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6',
      'EXDATE;TZID=Europe/Stockholm:20260201T090000',
      'EXDATE:20260315T080000Z',
      'RDATE;TZID=Europe/Stockholm:20260220T140000,20260225T090000',
      'RDATE;VALUE=DATE:20260401',
      'EXDATE;TZID=Europe/Stockholm:20260225T090000',
    ]),
  );
  const items = await listed(call, 'rdt00');
  t.same(localStarts(items), ['2026-01-01T09:00', '2026-01-15T09:00', '2026-02-15T09:00', '2026-02-20T14:00', '2026-03-01T09:00', '2026-04-01T09:00']);
  t.equal(items[3]!.id, 'rdt00_20260220T130000Z', 'an RDATE instance gets the usual id');
  t.equal((await call('GET', `${EVENTS}/rdt00_20260220T130000Z`)).status, 200, 'and can be fetched by it');
  t.equal(items[5]!.start.dateTime, '2026-04-01T09:00:00+02:00', "a date-only RDATE of a timed series takes the series' time of day");

  await insert(t, call, series('rdt01', '2026-06-10', ['RRULE:FREQ=YEARLY;UNTIL=20280610', 'RDATE;VALUE=DATE:20261224,20271224', 'EXDATE;VALUE=DATE:20270610'], true));
  t.same(
    (await listed(call, 'rdt01')).map((i) => i.id),
    ['rdt01_20260610', 'rdt01_20261224', 'rdt01_20271224', 'rdt01_20280610'],
    'all-day: yearly with date RDATEs and EXDATE, UNTIL inclusive',
  );

  await insert(t, call, series('rdt02', '2026-03-03', ['RDATE;TZID=Europe/Stockholm:20260310T090000,20260331T100000']));
  t.same(localStarts(await listed(call, 'rdt02')), ['2026-03-03T09:00', '2026-03-10T09:00', '2026-03-31T10:00'], 'RDATEs alone: the start and each date');
});

t.test('what the fake still does not support is refused with 400, never ignored', async (t) => {
  const { call } = await startApi(t);
  const refused: [string[], RegExp][] = [
    [['RRULE:FREQ=MONTHLY', 'EXRULE:FREQ=MONTHLY;BYDAY=1MO'], /EXRULE/],
    [['RRULE:FREQ=YEARLY;BYWEEKNO=20'], /BYWEEKNO/],
    [['RRULE:FREQ=YEARLY;BYYEARDAY=100'], /BYYEARDAY/],
    [['RRULE:FREQ=HOURLY'], /FREQ/],
    [['RRULE:FREQ=DAILY;BYHOUR=9,15'], /BYHOUR/],
    [['RRULE:FREQ=WEEKLY;BYDAY=1MO'], /ordinal/],
    [['RRULE:FREQ=WEEKLY;BYMONTHDAY=1'], /BYMONTHDAY/],
    [['RRULE:FREQ=MONTHLY;BYSETPOS=-1'], /BYSETPOS/],
    [['RRULE:FREQ=MONTHLY;BYDAY=6MO'], /five/],
    [['RRULE:FREQ=MONTHLY;BYMONTHDAY=32'], /BYMONTHDAY/],
    [['RRULE:FREQ=MONTHLY;BYMONTHDAY=0'], /BYMONTHDAY/],
    [['RRULE:FREQ=YEARLY;BYMONTH=13'], /BYMONTH/],
    [['RRULE:FREQ=MONTHLY;BYDAY=1XX'], /weekday/],
    [['RRULE:FREQ=MONTHLY;FREQ=YEARLY'], /twice/],
    [['RRULE:FREQ=MONTHLY', 'RRULE:FREQ=YEARLY'], /one RRULE/],
    [['RRULE:FREQ=MONTHLY;COUNT=2;UNTIL=20260601'], /exclusive/],
    [['RRULE:FREQ=MONTHLY', 'RDATE;VALUE=PERIOD:20260101T090000Z/PT1H'], /PERIOD/],
    [['RRULE:FREQ=MONTHLY', 'RDATE;TZID=Nowhere/Atlantis:20260101T090000'], /time zone/],
    [['EXDATE:20260105T080000Z'], /RRULE or RDATE/],
  ];
  for (const [i, [rule, message]] of refused.entries()) {
    const res = await call('POST', EVENTS, { body: series(`bad${String(i).padStart(2, '0')}`, '2026-01-05', rule) });
    t.equal(res.status, 400, rule.join(' '));
    t.match(res.body?.error?.errors?.[0], { reason: 'invalid', message }, rule.join(' '));
  }
  const kept = await call('POST', EVENTS, { body: series('good0', '2026-01-05', ['RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=2']) });
  t.equal(kept.status, 200);
  const patched = await call('PATCH', `${EVENTS}/good0`, { body: { recurrence: ['RRULE:FREQ=MONTHLY;BYWEEKNO=3'] } });
  t.equal(patched.status, 400, 'a patch to an unsupported rule is refused too');
  t.same((await call('GET', `${EVENTS}/good0`)).body.recurrence, ['RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=2'], 'and leaves the series as it was');
});
