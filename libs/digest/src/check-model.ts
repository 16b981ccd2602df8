// Checks a digest model against its schema and the rules a schema cannot say (dates in the week, safe links).
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { DateTime } from 'luxon';
import { DigestModelError } from './digest-error.js';
import { DigestModel } from './digest-model.js';

let check: TypeCheck<typeof DigestModel> | undefined;

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function checkLink(url: string, path: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new DigestModelError('not an absolute URL', path, { cause });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new DigestModelError('must be an http(s) link', path);
  // A link also travels in a header (List-Unsubscribe) and in the text part: no whitespace or control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  if (/[\s\u0000-\u001f\u007f-\u009f<>"]/.test(url)) throw new DigestModelError('contains spaces, quotes or control characters', path);
}

function checkInWeek(date: string, week: { from: string; to: string }, path: string): void {
  if (!DateTime.fromISO(date, { zone: 'UTC' }).isValid) throw new DigestModelError('not a calendar date', path);
  if (date < week.from || date > week.to) throw new DigestModelError(`not in the week ${week.from}–${week.to}`, path);
}

function checkTimes(slot: { start: string; end: string }, path: string): void {
  if (minutesOf(slot.end) <= minutesOf(slot.start)) throw new DigestModelError('ends before it starts', path);
}

/** The model, checked; throws DigestModelError naming the first fault. */
export function checkDigestModel(value: unknown): DigestModel {
  check ??= TypeCompiler.Compile(DigestModel);
  if (!check.Check(value)) {
    const error = check.Errors(value).First();
    throw new DigestModelError(error?.message ?? 'invalid', error?.path || '/');
  }
  const model = value;
  const match = /^(\d{4})-W(\d{2})$/.exec(model.week.isoWeek)!;
  const monday = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: 'UTC' });
  if (!monday.isValid || monday.weekNumber !== Number(match[2])) throw new DigestModelError('no such ISO week', '/week/isoWeek');
  if (model.week.from !== monday.toISODate()) throw new DigestModelError(`must be the week's Monday, ${monday.toISODate()}`, '/week/from');
  if (model.week.to !== monday.plus({ days: 6 }).toISODate()) throw new DigestModelError("must be the week's Sunday", '/week/to');

  const seen = new Set<string>();
  model.days.forEach((day, i) => {
    checkInWeek(day.date, model.week, `/days/${i}/date`);
    if (seen.has(day.date)) throw new DigestModelError('the same day twice', `/days/${i}/date`);
    seen.add(day.date);
  });
  model.challenges.forEach((c, i) => {
    checkInWeek(c.date, model.week, `/challenges/${i}/date`);
    checkTimes(c, `/challenges/${i}`);
  });
  model.ledartid.booked.forEach((slot, i) => {
    checkInWeek(slot.date, model.week, `/ledartid/booked/${i}/date`);
    checkTimes(slot, `/ledartid/booked/${i}`);
  });
  model.ledartid.proposals.forEach((slot, i) => {
    checkInWeek(slot.date, model.week, `/ledartid/proposals/${i}/date`);
    checkTimes(slot, `/ledartid/proposals/${i}`);
    checkLink(slot.bookUrl, `/ledartid/proposals/${i}/bookUrl`);
  });
  for (const key of ['unsubscribe', 'changeSchedule', 'console'] as const) checkLink(model.links[key], `/links/${key}`);
  if (model.step.previous.outcome !== 'none' && model.step.previous.summary === undefined) {
    throw new DigestModelError('a held or slipped step needs its summary', '/step/previous/summary');
  }
  return model;
}
