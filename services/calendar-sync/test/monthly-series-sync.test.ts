// Monthly series end to end: "first Monday of the month" on Google (RRULE) and on Microsoft (relativeMonthly) are synced,
// and every stored instance in the sync window names its series and starts at 09:00 local time.
import { DateTime } from 'luxon';
import t, { type Test } from 'tap';
import { LEADER, connectThroughBrowser, createHarness, type Harness, storedEvents, syncedWhere } from './fixtures/harness.js';

t.setTimeout(120_000);
const WEEKS_BACK = 2;
const WEEKS_AHEAD = 4;

/** 09:00 on the first Monday of each month from `from` for `months` months, in `zone`. */
function firstMondays(zone: string, from: DateTime, months: number): DateTime[] {
  return Array.from({ length: months }, (_, i) => {
    const month = from.setZone(zone).startOf('month').plus({ months: i });
    return month.plus({ days: (8 - month.weekday) % 7 }).set({ hour: 9 });
  });
}

/**
 * Checks the stored copy of a series against the first Mondays: those surely inside the window (whatever instant
 * between `before` and `after` the sync took as now) are all there, nothing outside it is, and each names the series.
 */
async function checkSeries(t: Test, h: Harness, connectionId: string, seriesId: string, zone: string, before: DateTime, after: DateTime) {
  const stored = (await storedEvents(h, connectionId)).filter((e) => e.seriesId === seriesId);
  const starts = stored.map((e) => e.start.toISOString());
  const candidates = firstMondays(zone, before.minus({ months: 2 }), 5);
  const surely = candidates.filter((d) => d < before.plus({ weeks: WEEKS_AHEAD }) && d.plus({ hours: 1 }) > after.minus({ weeks: WEEKS_BACK }));
  const maybe = candidates.filter((d) => d < after.plus({ weeks: WEEKS_AHEAD }) && d.plus({ hours: 1 }) > before.minus({ weeks: WEEKS_BACK }));
  t.ok(surely.length >= 1, 'a six-week window holds at least one first Monday');
  for (const d of surely) t.ok(starts.includes(d.toUTC().toISO()!), `the instance of ${d.toISODate()} is stored`);
  t.ok(stored.length >= surely.length && stored.length <= maybe.length, `only the window's instances (${stored.length})`);
  for (const e of stored) {
    const local = DateTime.fromJSDate(e.start).setZone(zone);
    t.match(
      { seriesId: e.seriesId, weekday: local.weekday, firstWeek: local.day <= 7, time: local.toFormat('HH:mm'), minutes: (e.end.getTime() - e.start.getTime()) / 60_000 },
      { seriesId, weekday: 1, firstWeek: true, time: '09:00', minutes: 60 },
      `${e.providerEventId} is a first Monday at 09:00 ${zone}`,
    );
  }
}

t.test('monthly "first Monday" series on Google and Microsoft sync as instances of their series', async (t) => {
  const h = await createHarness(t, { env: { SYNC_WEEKS_BACK: String(WEEKS_BACK), SYNC_WEEKS_AHEAD: String(WEEKS_AHEAD) } });
  const before = DateTime.now();

  // Google: started a few months ago, no end, in the calendar's zone.
  const gZone = LEADER.timeZone;
  const [gFirst] = firstMondays(gZone, before.minus({ months: 4 }), 1);
  const gLocal = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const gSeries = h.google.insertEvent(LEADER.email, {
    summary: 'Ledningsgrupp (månadsvis)',
    start: { dateTime: gLocal(gFirst!), timeZone: gZone },
    end: { dateTime: gLocal(gFirst!.plus({ hours: 1 })), timeZone: gZone },
    recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=1MO'],
  });

  // Microsoft: the same rule as Graph's relativeMonthly, in the mailbox's Windows zone.
  const msZone = 'Europe/Berlin';
  const [msFirst] = firstMondays(msZone, before.minus({ months: 4 }), 1);
  const msSeries = h.microsoft.createEvent(h.msAccount.id, {
    subject: 'Styrelse (månadsvis)',
    start: { dateTime: gLocal(msFirst!), timeZone: 'W. Europe Standard Time' },
    end: { dateTime: gLocal(msFirst!.plus({ hours: 1 })), timeZone: 'W. Europe Standard Time' },
    recurrence: {
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['monday'], index: 'first' },
      range: { type: 'noEnd', startDate: msFirst!.toISODate()! },
    },
  });

  const google = await connectThroughBrowser(h, 'google');
  t.equal(google.callback.statusCode, 200, google.callback.body);
  const microsoft = await connectThroughBrowser(h, 'microsoft');
  t.equal(microsoft.callback.statusCode, 200, microsoft.callback.body);
  const gConnection = google.callback.json().connectionId as string;
  const msConnection = microsoft.callback.json().connectionId as string;
  await syncedWhere(h, gConnection, (e) => e.data.full, 'google first sync');
  await syncedWhere(h, msConnection, (e) => e.data.full, 'microsoft first sync');
  const after = DateTime.now();

  await t.test('google', (t) => checkSeries(t, h, gConnection, gSeries.id, gZone, before, after));
  await t.test('microsoft', (t) => checkSeries(t, h, msConnection, msSeries.id, msZone, before, after));
});
