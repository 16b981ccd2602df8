import t from 'tap';
import { checkEnvelope, isoWeekBounds, isoWeekOf, isoWeeksBetween, Subjects } from '@ledarsteg/contracts';

const synced = {
  id: 'a1b2',
  subject: Subjects.eventsSynced,
  occurredAt: '2026-11-29T10:00:00+01:00',
  correlationId: 'c1',
  data: {
    userId: 'u1', connectionId: 'k1', provider: 'google', weeks: ['2026-W48'],
    counts: { upserted: 3, deleted: 1, unchanged: 0 }, full: false, syncedAt: '2026-11-29T09:00:00Z',
  },
};

t.test('a valid envelope passes', async (t) => {
  const r = checkEnvelope(Subjects.eventsSynced, synced);
  t.equal(r.ok, true);
});

t.test('a payload with a wrong field, an unknown field or a bad instant is rejected with reasons', async (t) => {
  for (const bad of [
    { ...synced, data: { ...synced.data, provider: 'yahoo' } },
    { ...synced, data: { ...synced.data, extra: 1 } },
    { ...synced, occurredAt: '2026-11-29 10:00' },
    { ...synced, data: { ...synced.data, weeks: ['2026-W54'] } },
    { ...synced, subject: Subjects.eventsChanged },
  ]) {
    const r = checkEnvelope(Subjects.eventsSynced, bad);
    t.equal(r.ok, false);
    if (!r.ok) t.ok(r.errors.length > 0, r.errors.join('; '));
  }
});

t.test('ISO weeks follow the leader zone, across year ends and DST', async (t) => {
  t.equal(isoWeekOf('2026-12-31T23:30:00Z', 'Europe/Stockholm'), '2026-W53');
  t.equal(isoWeekOf('2027-01-03T23:30:00Z', 'Europe/Stockholm'), '2027-W01');
  t.equal(isoWeekOf('2027-01-03T23:30:00Z', 'America/New_York'), '2026-W53');
  const { start, end } = isoWeekBounds('2026-W13', 'Europe/Stockholm');
  t.equal(start.toISO(), '2026-03-23T00:00:00.000+01:00');
  t.equal(end.toISO(), '2026-03-30T00:00:00.000+02:00');
  t.equal(end.diff(start, 'hours').hours, 167, 'the spring-forward week is one hour short');
  t.same(isoWeeksBetween('2026-11-27T10:00:00Z', '2026-12-01T10:00:00Z', 'UTC'), ['2026-W48', '2026-W49']);
  t.same(isoWeeksBetween('2026-11-30T00:00:00Z', '2026-12-07T00:00:00Z', 'UTC'), ['2026-W49'], 'the end is exclusive');
});

t.test('a change is either an event or a deletion, each with its revision', async (t) => {
  const event = {
    userId: 'u1', provider: 'google', calendarId: 'primary', providerEventId: 'e1', start: '2026-12-01T09:00:00Z', end: '2026-12-01T10:00:00Z',
    timeZone: 'Europe/Stockholm', allDay: false, status: 'confirmed', showAs: 'busy', busy: true, kind: 'default', attendeeCount: 2,
    selfResponse: 'accepted', selfOptional: false, organizerIsSelf: false, createdAt: '2026-11-01T09:00:00Z', updatedAt: '2026-11-01T09:00:00Z',
    hasTitle: true, hasDescription: false,
  };
  const changed = (changes: unknown[]) => ({
    id: 'c1:1-2', subject: Subjects.eventsChanged, occurredAt: '2026-11-29T10:00:00Z', correlationId: 'c',
    data: { userId: 'u1', connectionId: 'c1', provider: 'google', fromRev: 1, toRev: 2, changes },
  });
  t.equal(checkEnvelope(Subjects.eventsChanged, changed([{ rev: 1, event }, { rev: 2, deleted: 'e2' }])).ok, true);
  for (const bad of [[{ rev: 1, event, deleted: 'e1' }], [{ rev: 0, deleted: 'e1' }], [{ deleted: 'e1' }], [{ rev: 1, event: { ...event, start: 'soon' } }]]) {
    t.equal(checkEnvelope(Subjects.eventsChanged, changed(bad)).ok, false, JSON.stringify(bad).slice(0, 80));
  }
});
