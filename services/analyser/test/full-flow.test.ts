// The whole loop with the real calendar-sync on the Google fake: sync → analysis → auto-booking → block written → kept.
import { isoWeekOf } from '@ledarsteg/contracts';
import { loadConfig } from '@ledarsteg/service-kit';
import { eventually, expectOwnCollections, testDatabase } from '@ledarsteg/testing';
import { DateTime } from 'luxon';
import t from 'tap';
// Another service, imported by a test only: its own harness wires it to the Google fake.
import { LEADER, connectThroughBrowser, createHarness } from '../../calendar-sync/test/fixtures/harness.js';
import { shiftWeek } from '../src/analysis/week-inputs.js';
import { buildApp } from '../src/app.js';
import { OWN_COLLECTIONS } from '../src/collections.js';
import { AnalyserConfig } from '../src/config.js';
import { logger } from './fixtures/analyser-harness.js';

t.setTimeout(180_000);

t.test('connect a Google leader, analyse, auto-book next week, and count the written blocks as kept', async (t) => {
  const sync = await createHarness(t);
  const zone = LEADER.timeZone;
  const nextWeek = shiftWeek(isoWeekOf(new Date(), zone), 1, zone);
  const monday = DateTime.fromISO(`${nextWeek}-1`, { zone });
  const at = (day: number, hour: number) => monday.plus({ days: day, hours: hour }).toISO() as string;
  // Monday 09–10 of next week: a meeting with a colleague.
  sync.google.insertEvent(LEADER.email, {
    summary: 'Ledningsgrupp',
    start: { dateTime: at(0, 9), timeZone: zone },
    end: { dateTime: at(0, 10), timeZone: zone },
    attendees: [{ email: LEADER.email, self: true, responseStatus: 'accepted' }, { email: 'kim@example.com', responseStatus: 'accepted' }],
  });

  // The analyser's own database: it sees calendar-sync's calendar only through the messages it publishes.
  const db = await testDatabase(t, 'analyser');
  const config = loadConfig(AnalyserConfig, {
    NATS_URL: 'nats://127.0.0.1:4222', MONGO_URL: db.url, PORT: '0', LOG_LEVEL: 'silent',
    NATS_PREFIX: sync.app.messaging.prefix ?? '', AUTO_BOOK_CHECK_SECONDS: '3600',
  });
  // The same NATS connection as calendar-sync, which the analyser does not close.
  const analyser = await buildApp({ config, deps: { logger, nc: sync.app.nats } });
  await analyser.ready();
  let closed = false;
  const closeAnalyser = async () => {
    if (!closed) await analyser.close();
    closed = true;
  };
  t.teardown(closeAnalyser);
  expectOwnCollections(t, db.url, 'analyser', OWN_COLLECTIONS);

  const { callback } = await connectThroughBrowser(sync, 'google');
  t.equal(callback.statusCode, 200, callback.body);
  const { userId } = callback.json();

  const first = await eventually(async () => {
    const res = await analyser.inject(`/leaders/${userId}/weeks/${nextWeek}`);
    return res.statusCode === 200 ? res.json() : undefined;
  }, { what: 'the first analysis', timeoutMs: 60_000 });
  t.match(first.metrics, { meetingMinutes: 60, meetingCount: 1, ledartid: { bookedMinutes: 0 } });

  const put = await analyser.inject({ method: 'PUT', url: `/leaders/${userId}/settings`, payload: { optIns: { autoBook: true } } });
  t.equal(put.statusCode, 200);
  const bookings = await eventually(async () => {
    const docs = (await analyser.analyser.bookings.ofWeek(userId, nextWeek)).filter((b) => b.status === 'booked');
    return docs.length === 2 ? docs : undefined;
  }, { what: 'both blocks booked at Google', timeoutMs: 60_000 });

  // calendar-sync re-syncs after writing: its copy carries the block ids, and so does the analyser's projection.
  const { connectionId } = callback.json();
  const copied = await eventually(async () => {
    const docs = (await sync.app.calendarSync.events.live(connectionId)).filter((e) => e.ledartidBlockId);
    return docs.length === 2 ? docs : undefined;
  }, { what: 'blocks in the synced copy', timeoutMs: 60_000 });
  const stored = await eventually(async () => {
    const docs = await analyser.db.collection('analyser_calendar_events').find({ userId, ledartidBlockId: { $exists: true }, deleted: { $ne: true } }).toArray();
    return docs.length === 2 ? docs : undefined;
  }, { what: 'blocks in the projection', timeoutMs: 60_000 });
  t.same(copied.map((e) => e.ledartidBlockId).sort(), stored.map((e) => e['ledartidBlockId']).sort(), 'the projection follows the copy');
  t.same(stored.map((e) => e['ledartidBlockId']).sort(), bookings.map((b) => b.blockId).sort(), 'the written blocks carry our block ids');
  for (const b of bookings) {
    const event = stored.find((e) => e['ledartidBlockId'] === b.blockId);
    t.equal((event?.['start'] as Date | undefined)?.toISOString(), b.confirmedStart?.toISOString(), 'at the booked time');
  }

  const after = await eventually(async () => {
    const body = (await analyser.inject(`/leaders/${userId}/weeks/${nextWeek}`)).json();
    return body.metrics?.ledartid.keptMinutes === 180 ? body : undefined;
  }, { what: 'the analysis counting the blocks', timeoutMs: 60_000 });
  t.match(after.metrics.ledartid, { bookedMinutes: 180, keptMinutes: 180, overwrittenMinutes: 0, movedBlocks: 0, removedBlocks: 0 });
  t.equal(after.metrics.meetingMinutes, 60, 'the blocks are not meetings');
  await closeAnalyser();
});
