// A profile validated once with prepareProfile gives the same analysis as the raw profile, and cannot change after the check.
import t from 'tap';
import { InsightInputError, analyseWeek, prepareProfile, proposeLedartid } from '../src/index.js';
import { meeting, profile } from './fixtures/event-builder.js';

const week = '2026-W48';
const now = '2026-11-20T08:00:00Z';
const events = [meeting('2026-11-23', '09:00', '10:00'), meeting('2026-11-24', '13:00', '16:30')];

t.test('a prepared profile gives the same analysis and proposal as the raw one', async (t) => {
  const raw = profile({ lunch: { start: '11:30', end: '12:15' } });
  const prepared = prepareProfile(raw);
  t.same(analyseWeek({ events, profile: prepared, week, now }), analyseWeek({ events, profile: raw, week, now }));
  t.same(proposeLedartid({ events, profile: prepared, week, now }), proposeLedartid({ events, profile: raw, week, now }));
});

t.test('prepareProfile rejects what the analyses reject', async (t) => {
  t.throws(() => prepareProfile({ ...profile(), timeZone: 'Mars/Olympus' }), { code: 'INSIGHT_ERR_INVALID_INPUT' });
  t.throws(() => prepareProfile({ ...profile(), lunch: { start: '13:00', end: '12:00' } }), InsightInputError);
  t.throws(() => prepareProfile('nope'), InsightInputError);
});

t.test('the prepared copy is frozen and independent of the original', async (t) => {
  const raw = profile();
  const prepared = prepareProfile(raw);
  raw.workingHours[0]!.end = '23:59';
  raw.timeZone = 'Not/AZone';
  t.equal(prepared.timeZone, profile().timeZone);
  t.equal(prepared.workingHours[0]!.end, profile().workingHours[0]!.end);
  t.ok(Object.isFrozen(prepared) && Object.isFrozen(prepared.workingHours) && Object.isFrozen(prepared.workingHours[0]));
  t.throws(() => {
    (prepared.workingHours[0] as { end: string }).end = '23:59';
  }, TypeError);
});

t.test('only prepareProfile makes a trusted profile; a look-alike copy is validated', async (t) => {
  const prepared = prepareProfile(profile());
  const lookAlike = { ...prepared, timeZone: 'Not/AZone' };
  t.throws(() => analyseWeek({ events, profile: lookAlike, week, now }), { message: 'profile/timeZone' });
  t.throws(() => proposeLedartid({ events, profile: lookAlike, week, now }), InsightInputError);
});
