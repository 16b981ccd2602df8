import t from 'tap';
import { checkEnvelope, hasUnsafeText, scheduleProblems, Subjects, withoutUnsafeText } from '@ledarsteg/contracts';

const linked = (data: Record<string, unknown>) => ({
  id: 'm1',
  subject: Subjects.connectionLinked,
  occurredAt: '2026-12-01T10:00:00Z',
  correlationId: 'c1',
  data: { userId: 'u1', connectionId: 'k1', provider: 'google', accountEmail: 'anna@example.se', timeZone: 'Europe/Stockholm', linkedAt: '2026-12-01T10:00:00Z', ...data },
});

const UNSAFE = ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009F', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

t.test('ids and names with control or bidirectional-override characters are refused at the message boundary', async (t) => {
  t.equal(checkEnvelope(Subjects.connectionLinked, linked({ displayName: 'Anna Lind', userId: 'åsa-ölund' })).ok, true, 'letters of any language pass');
  t.equal(checkEnvelope(Subjects.connectionLinked, linked({ displayName: 'עברית Anna' })).ok, true, 'right-to-left letters themselves pass');
  for (const c of UNSAFE) {
    const code = `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
    t.equal(checkEnvelope(Subjects.connectionLinked, linked({ userId: `u${c}1` })).ok, false, `${code} in an id`);
    t.equal(checkEnvelope(Subjects.connectionLinked, linked({ displayName: `Anna${c}` })).ok, false, `${code} in a name`);
    t.ok(hasUnsafeText(`x${c}`), `${code} is unsafe`);
  }
  t.equal(checkEnvelope(Subjects.connectionLinked, { ...linked({}), id: 'm\u202E1' }).ok, false, 'the envelope id too');
  t.equal(withoutUnsafeText('An\u202Ena\u0007 Lind'), 'Anna Lind', 'a provider name is cleaned');
  t.notOk(hasUnsafeText('Anna Lind'));
});

t.test('working hours and lunch that make no sense are named', async (t) => {
  const day = (weekday: number, start: string, end: string) => ({ weekday, start, end });
  const lunch = { start: '11:30', end: '12:30' };
  t.same(scheduleProblems([day(1, '08:00', '17:00'), day(2, '08:00', '17:00')], lunch), [], 'the defaults make sense');
  t.same(scheduleProblems([day(1, '08:00', '11:30'), day(1, '12:30', '17:00')]), [], 'two windows on one day that touch nothing');
  t.same(scheduleProblems([day(1, '08:00', '12:00'), day(1, '12:00', '17:00')]), [], 'windows that meet do not overlap');
  t.match(scheduleProblems([day(1, '08:00', '12:00'), day(1, '11:00', '17:00')]), [/weekday 1 overlap/]);
  t.match(scheduleProblems([day(3, '13:00', '17:00'), day(3, '08:00', '14:00')]), [/weekday 3 overlap/], 'in any order');
  t.match(scheduleProblems([day(1, '17:00', '08:00')]), [/end before they start/]);
  t.match(scheduleProblems([day(1, '08:00', '17:00')], { start: '18:00', end: '19:00' }), [/outside working hours/]);
  t.match(scheduleProblems([day(1, '08:00', '17:00')], { start: '16:30', end: '17:30' }), [/straddles/]);
  t.match(scheduleProblems([day(1, '08:00', '11:30'), day(1, '12:30', '17:00')], lunch), [/outside working hours/], 'lunch between two windows');
  t.match(scheduleProblems([day(1, '08:00', '17:00')], { start: '13:00', end: '12:00' }), [/lunch ends before it starts/]);
  t.same(scheduleProblems([day(1, '08:00', '17:00'), day(5, '13:00', '17:00')], lunch), [], 'a day that starts after lunch is fine');
});
