// The calendar's zone: read at connect without a calendar-wide scope, and kept current from what sync pages report.
import t from 'tap';
import { connectThroughBrowser, createHarness, LEADER, requestSyncNow, storedConnection, syncedWhere, gslot } from './fixtures/harness.js';
import { eventually } from '@ledarsteg/testing';

t.setTimeout(120_000);

t.test('google: the zone comes from events.list; when the leader moves the calendar, the stored zone follows', async (t) => {
  const h = await createHarness(t);
  h.google.insertEvent(LEADER.email, gslot(1, 'Ledningsgrupp'));
  const { callback } = await connectThroughBrowser(h, 'google');
  t.equal(callback.statusCode, 200, callback.body);
  const { connectionId } = callback.json();
  t.equal((await storedConnection(h, connectionId)).timeZone, LEADER.timeZone);
  t.notOk(h.google.requests.some((r) => r.operation === 'calendars.get' || r.operation === 'settings.get'), 'no calendars.get, no settings.get');
  await syncedWhere(h, connectionId, (e) => e.data.full, 'first sync');

  h.google.setCalendarTimeZone(LEADER.email, 'America/New_York');
  h.google.insertEvent(LEADER.email, gslot(2, 'Budget'));
  await requestSyncNow(h, connectionId);
  const conn = await eventually(async () => {
    const c = await storedConnection(h, connectionId);
    return c.timeZone === 'America/New_York' ? c : undefined;
  }, { what: 'the new zone to be stored' });
  t.equal(conn.status, 'active');
});
