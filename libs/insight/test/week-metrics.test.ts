// Table tests for every week metric: what counts as a meeting, overlaps, clipping, focus, fragments, notice, ledartid.
import { DateTime } from 'luxon';
import t from 'tap';
import { analyseWeek } from '../src/index.js';
import { at, event, meeting, profile } from './fixtures/event-builder.js';

const WEEK = '2026-W48'; // Monday 2026-11-23 … Sunday 2026-11-29, Stockholm is UTC+1 all week
const NOW = '2026-11-20T08:00:00Z';
const MON = '2026-11-23';
const TUE = '2026-11-24';
const metricsOf = (events: ReturnType<typeof meeting>[], extra = {}) =>
  analyseWeek({ events, profile: profile(), week: WEEK, now: NOW, ...extra }).metrics;

t.test('meeting minutes: which events count', async (t) => {
  const cases: Array<[string, Partial<Parameters<typeof event>[0]>, number]> = [
    ['a plain accepted meeting', {}, 60],
    ['a solo busy event is not a meeting', { attendeeCount: 1 }, 0],
    ['declined by the leader', { selfResponse: 'declined' }, 0],
    ['cancelled', { status: 'cancelled' }, 0],
    ['shown as free', { showAs: 'free', busy: false }, 0],
    ['transparent but showAs busy', { busy: false }, 0],
    ['out of office kind', { kind: 'outOfOffice' }, 0],
    ['shown as oof', { showAs: 'oof' }, 0],
    ['focus-time entry', { kind: 'focusTime' }, 0],
    ['a ledartid block', { ledartidBlockId: 'blk01', attendeeCount: 2 }, 0],
    ['tentative answer is counted apart', { selfResponse: 'tentative', showAs: 'tentative' }, 0],
    ['unanswered still blocks', { selfResponse: 'needsAction' }, 60],
    ['organised by the leader', { selfResponse: 'organizer', organizerIsSelf: true }, 60],
  ];
  for (const [name, fields, expected] of cases) {
    const m = metricsOf([meeting(MON, '09:00', '10:00', fields)]);
    t.equal(m.meetingMinutes, expected, name);
    t.equal(m.meetingCount, expected > 0 ? 1 : 0, `${name} (count)`);
  }
});

t.test('all-day and multi-day events are not meetings; multi-day timed meetings are clipped to the week', async (t) => {
  const allDay = event({ start: at(`${MON} 00:00`), end: at(`${TUE} 00:00`), allDay: true });
  t.equal(metricsOf([allDay]).meetingMinutes, 0, 'all-day event excluded');
  const overSunday = event({ start: at('2026-11-22 23:00'), end: at(`${MON} 01:00`) });
  t.equal(metricsOf([overSunday]).meetingMinutes, 60, 'only the hour inside the week counts');
  const intoNextWeek = event({ start: at('2026-11-29 23:30'), end: at('2026-11-30 00:30') });
  t.equal(metricsOf([intoNextWeek]).meetingMinutes, 30, 'clipped at next Monday 00:00');
  const outside = meeting('2026-11-30', '09:00', '10:00');
  t.equal(metricsOf([outside]).meetingCount, 0, 'next week ignored');
});

t.test('overlaps are counted once; double booking is only the overlap', async (t) => {
  const m = metricsOf([
    meeting(MON, '09:00', '10:00'),
    meeting(MON, '09:30', '11:00'),
    meeting(MON, '09:45', '10:15'),
  ]);
  t.equal(m.meetingMinutes, 120);
  t.equal(m.meetingCount, 3);
  t.equal(m.doubleBookedMinutes, 45, '09:30–10:15 has two or more meetings');
  t.equal(metricsOf([meeting(MON, '09:00', '10:00'), meeting(MON, '10:00', '11:00')]).doubleBookedMinutes, 0, 'touching is not overlapping');
});

t.test('one-to-one, large, long and recurring', async (t) => {
  const m = metricsOf([
    meeting(MON, '08:00', '08:30', { attendeeCount: 2 }),
    meeting(MON, '09:00', '10:30', { attendeeCount: 12 }),
    meeting(TUE, '09:00', '10:00', { attendeeCount: 9, seriesId: 's' }),
    meeting(TUE, '13:00', '14:01', { attendeeCount: 3, seriesId: 's2' }),
  ]);
  t.equal(m.oneToOneMinutes, 30);
  t.equal(m.largeMeetingMinutes, 150, '12 and 9 people are large');
  t.same(m.longMeetings, { count: 2, minutes: 151 }, '90 and 61 minutes are long, exactly 60 is not');
  t.equal(m.recurringShare, Math.round((121 / 241) * 10_000) / 10_000);
  t.equal(metricsOf([]).recurringShare, 0, 'no meetings: share 0');
});

t.test('focus and fragmented time inside working hours (lunch 11:30–12:30 excluded)', async (t) => {
  const empty = metricsOf([]);
  t.equal(empty.workingMinutes, 5 * 480);
  t.equal(empty.focusMinutes, 5 * 480, 'a free day is 3.5 h + 4.5 h of focus');
  const fragmented = metricsOf([
    meeting(MON, '08:30', '09:00'),
    meeting(MON, '09:40', '10:00'), // 40 min gap between meetings: fragmented
    meeting(MON, '10:55', '11:30'), // 55 min gap: fragmented; ends at lunch
    meeting(MON, '13:00', '14:00'), // 12:30–13:00 borders lunch: not "between meetings"
  ]);
  t.equal(fragmented.fragmentedMinutes, 95);
  t.equal(fragmented.focusMinutes, 4 * 480 + 180, 'Monday keeps only 14:00–17:00');
  const oneHourGap = metricsOf([meeting(MON, '08:00', '09:00'), meeting(MON, '10:00', '11:30')]);
  t.equal(oneHourGap.fragmentedMinutes, 0, 'a gap of exactly 60 min is not fragmented');
});

t.test('ledartid and focus-time blocks count as focus; a solo appointment breaks it', async (t) => {
  const withBlocks = metricsOf([
    meeting(MON, '08:00', '11:30', { attendeeCount: 1, ledartidBlockId: 'blk01' }),
    meeting(TUE, '08:00', '11:30', { attendeeCount: 1, kind: 'focusTime' }),
  ]);
  t.equal(withBlocks.focusMinutes, 5 * 480);
  const dentist = metricsOf([meeting(MON, '09:30', '10:00', { attendeeCount: 1 })]);
  t.equal(dentist.focusMinutes, 5 * 480 - 210, '08:00–09:30 and 10:00–11:30 are under 2 h');
  t.equal(dentist.meetingMinutes, 0);
});

t.test('back-to-back chains', async (t) => {
  const chain = metricsOf([
    meeting(MON, '09:00', '10:00'),
    meeting(MON, '10:04', '11:00'),
    meeting(MON, '11:00', '11:30'),
    meeting(MON, '13:00', '14:00'),
    meeting(MON, '14:05', '15:00'),
    meeting(MON, '15:04', '16:00'),
  ]);
  t.same(chain.backToBack, { chains: 1, minutes: 146, longestMinutes: 146 }, 'a 5-minute gap breaks the second run');
  const two = metricsOf([meeting(MON, '09:00', '10:00'), meeting(MON, '10:00', '11:00')]);
  t.same(two.backToBack, { chains: 0, minutes: 0, longestMinutes: 0 }, 'two meetings are no chain');
});

t.test('after-hours meeting minutes', async (t) => {
  const m = metricsOf([
    meeting(MON, '07:00', '08:30'),
    meeting(MON, '16:30', '18:00'),
    meeting(MON, '11:30', '12:30'), // lunch is inside working hours
    meeting('2026-11-28', '10:00', '11:00'), // Saturday has no working hours
  ]);
  t.equal(m.afterHoursMinutes, 60 + 60 + 60);
});

t.test('notice buckets by createdAt', async (t) => {
  const start = at(`${TUE} 09:00`);
  const created = (hours: number) => DateTime.fromISO(start).minus({ hours }).toISO()!;
  const m = metricsOf([
    meeting(TUE, '09:00', '09:30', { createdAt: created(6) }),
    meeting(TUE, '10:00', '10:30', { createdAt: DateTime.fromISO(at(`${TUE} 10:00`)).minus({ hours: 7 }).toISO()! }),
    meeting(TUE, '11:00', '11:45', { createdAt: DateTime.fromISO(at(`${TUE} 11:00`)).minus({ hours: 24 }).toISO()! }),
    meeting(TUE, '13:00', '14:00', { createdAt: DateTime.fromISO(at(`${TUE} 13:00`)).minus({ hours: 25 }).toISO()! }),
  ]);
  t.same(m.notice, { upTo6h: 30, from6to12h: 30, from12to24h: 45, over24h: 60 });
});

t.test('ledartid kept and overwritten from the calendar alone', async (t) => {
  const m = metricsOf([
    meeting(MON, '08:00', '09:30', { attendeeCount: 1, ledartidBlockId: 'blk01' }),
    meeting(MON, '09:00', '10:00'),
    meeting(TUE, '08:00', '09:30', { attendeeCount: 1, ledartidBlockId: 'blk02' }),
    meeting(TUE, '08:00', '09:00', { selfResponse: 'declined' }),
  ]);
  t.same(m.ledartid, { bookedMinutes: 180, keptMinutes: 150, overwrittenMinutes: 30, movedBlocks: 0, removedBlocks: 0 });
});

t.test('ledartid with the booking history: moved and removed blocks are overwritten', async (t) => {
  const bookedBlocks = [
    { blockId: 'blk01', start: at(`${MON} 08:00`), end: at(`${MON} 09:30`) },
    { blockId: 'blk02', start: at(`${TUE} 08:00`), end: at(`${TUE} 09:30`) },
    { blockId: 'blk03', start: at('2026-11-25 08:00'), end: at('2026-11-25 09:30') },
  ];
  const m = metricsOf(
    [
      meeting(MON, '08:00', '09:30', { attendeeCount: 1, ledartidBlockId: 'blk01' }),
      meeting(MON, '09:00', '09:30'),
      meeting(TUE, '13:00', '14:30', { attendeeCount: 1, ledartidBlockId: 'blk02' }), // moved by the leader
    ],
    { bookedBlocks },
  );
  t.same(m.ledartid, { bookedMinutes: 270, keptMinutes: 60, overwrittenMinutes: 210, movedBlocks: 1, removedBlocks: 1 });
});
