// Recurrence in the Google fake: RRULE expansion, instance ids, exceptions and series edits.
import t from 'tap';
import { ACCOUNT, EVENTS, startApi } from './fixtures/google-fake-api.js';

const series = (id: string, rule: string[], allDay = false) => ({
  id,
  summary: 'Series',
  start: allDay ? { date: '2026-01-05' } : { dateTime: '2026-01-05T09:00:00', timeZone: 'Europe/Stockholm' },
  end: allDay ? { date: '2026-01-06' } : { dateTime: '2026-01-05T10:00:00', timeZone: 'Europe/Stockholm' },
  recurrence: rule,
});

async function instanceIds(call: Awaited<ReturnType<typeof startApi>>['call'], query: Record<string, string> = {}): Promise<string[]> {
  const res = await call('GET', EVENTS, { query: { singleEvents: 'true', timeMin: '2026-01-01T00:00:00Z', timeMax: '2026-03-01T00:00:00Z', ...query } });
  return res.body.items.map((e: { id: string }) => e.id);
}

t.test('weekly BYDAY with INTERVAL and COUNT, ids in UTC basic format, across DST-free winter', async (t) => {
  const { fake, call } = await startApi(t);
  fake.insertEvent(ACCOUNT, series('aaa00', ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4']));
  t.same(await instanceIds(call), ['aaa00_20260105T080000Z', 'aaa00_20260107T080000Z', 'aaa00_20260119T080000Z', 'aaa00_20260121T080000Z']);
  const one = await call('GET', `${EVENTS}/aaa00_20260107T080000Z`);
  t.match(one.body, { recurringEventId: 'aaa00', originalStartTime: { timeZone: 'Europe/Stockholm' }, start: { dateTime: '2026-01-07T09:00:00+01:00' } });
  t.notOk(one.body.recurrence, 'instances carry no recurrence');
  const withMaster = await call('GET', EVENTS, { query: { timeMin: '2026-01-01T00:00:00Z' } });
  t.same(withMaster.body.items.map((e: { id: string }) => e.id), ['aaa00'], 'not expanded: the master itself');
});

t.test('daily with UNTIL and EXDATE; all-day series use date ids', async (t) => {
  const { fake, call } = await startApi(t);
  fake.insertEvent(ACCOUNT, series('bbb00', ['RRULE:FREQ=DAILY;UNTIL=20260108T080000Z', 'EXDATE;TZID=Europe/Stockholm:20260106T090000']));
  t.same(await instanceIds(call), ['bbb00_20260105T080000Z', 'bbb00_20260107T080000Z', 'bbb00_20260108T080000Z']);
  fake.insertEvent(ACCOUNT, series('ddd00', ['RRULE:FREQ=WEEKLY;COUNT=2'], true));
  t.same((await instanceIds(call)).filter((id) => id.startsWith('ddd00')), ['ddd00_20260105', 'ddd00_20260112']);
});

t.test('unsupported rules are refused, not silently misread', async (t) => {
  const { call } = await startApi(t);
  t.equal((await call('POST', EVENTS, { body: series('bad00', ['RRULE:FREQ=WEEKLY', 'EXRULE:FREQ=WEEKLY;BYDAY=MO']) })).status, 400);
  t.equal((await call('POST', EVENTS, { body: { ...series('bad01', ['RRULE:FREQ=WEEKLY']), start: { dateTime: '2026-01-05T09:00:00+01:00' }, end: { dateTime: '2026-01-05T10:00:00+01:00' } } })).status, 400, 'a master needs start.timeZone');
});

t.test('cancelled and moved exceptions; shortening a series cancels the lost instances for syncs', async (t) => {
  const { fake, call } = await startApi(t);
  fake.insertEvent(ACCOUNT, series('ccc00', ['RRULE:FREQ=WEEKLY;COUNT=4']));
  const full = await call('GET', EVENTS, { query: { singleEvents: 'true' } });
  fake.deleteEvent(ACCOUNT, 'ccc00_20260112T080000Z');
  fake.updateEvent(ACCOUNT, 'ccc00_20260119T080000Z', { summary: 'moved', start: { dateTime: '2026-01-20T09:00:00+01:00' }, end: { dateTime: '2026-01-20T10:00:00+01:00' } });
  t.same(await instanceIds(call), ['ccc00_20260105T080000Z', 'ccc00_20260119T080000Z', 'ccc00_20260126T080000Z'], 'a moved instance keeps its id');
  const raw = await call('GET', EVENTS, { query: { timeMin: '2026-01-01T00:00:00Z' } });
  const cancelled = raw.body.items.find((e: { status: string }) => e.status === 'cancelled');
  t.same(Object.keys(cancelled).sort(), ['etag', 'id', 'kind', 'originalStartTime', 'recurringEventId', 'status'], 'a cancelled exception of a live series shows with its guaranteed fields');
  fake.updateEvent(ACCOUNT, 'ccc00', { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=1'] });
  const inc = await call('GET', EVENTS, { query: { singleEvents: 'true', syncToken: full.body.nextSyncToken } });
  const states = Object.fromEntries(inc.body.items.map((e: { id: string; status: string }) => [e.id, e.status]));
  t.equal(states['ccc00_20260112T080000Z'], 'cancelled');
  t.equal(states['ccc00_20260126T080000Z'], 'cancelled', 'an instance the edit removed is reported cancelled');
  t.equal(states['ccc00_20260105T080000Z'], 'confirmed');
});
