// Fast, strict parsing of wire instants (ISO 8601 with offset) into epoch milliseconds: the hot path of every analysis.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;
const UPPER_T = 84;
const UPPER_Z = 90;
const MAX_FRACTION_DIGITS = 9;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Two ASCII digits at `i` (inside the text) as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const tens = text.charCodeAt(i) - ZERO;
  const ones = text.charCodeAt(i + 1) - ZERO;
  // As unsigned, anything below '0' wraps past 9 too: one comparison per digit.
  return tens >>> 0 > 9 || ones >>> 0 > 9 ? -1 : tens * 10 + ones;
}

/** Offset in minutes of the `±HH:mm` at `at` (the text's last six characters), or NaN. */
function offsetAt(text: string, at: number): number {
  const sign = text.charCodeAt(at);
  if ((sign !== PLUS && sign !== DASH) || text.charCodeAt(at + 3) !== COLON) return Number.NaN;
  const hours = twoDigits(text, at + 1);
  const minutes = twoDigits(text, at + 4);
  if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return Number.NaN;
  return (sign === DASH ? -1 : 1) * (hours * 60 + minutes);
}

/** Whole milliseconds of the decimal fraction of a second in [first, end), truncated; NaN unless 1–9 digits. */
function millisOfFraction(text: string, first: number, end: number): number {
  const digits = end - first;
  if (digits < 1 || digits > MAX_FRACTION_DIGITS) return Number.NaN;
  let ms = 0;
  for (let k = first; k < end; k++) {
    const d = text.charCodeAt(k) - ZERO;
    if (d >>> 0 > 9) return Number.NaN;
    if (k < first + 3) ms = ms * 10 + d;
  }
  if (digits > 3) return Math.floor(Number(`0.${text.slice(first, end)}`) * 1000);
  return digits === 1 ? ms * 100 : digits === 2 ? ms * 10 : ms;
}

/**
 * Epoch milliseconds of an ISO instant with offset, or NaN when the text is not one.
 * Accepts exactly the contracts' `date-time` shape, `yyyy-MM-ddTHH:mm[:ss[.f{1,9}]](Z|±HH:mm)`, and rejects
 * impossible dates and times. Read character by character, zone first (it ends the text), so every other read
 * is inside the string: a regular expression and its match array cost more than the rest of an event's analysis.
 */
export function parseInstant(text: string): number {
  const length = text.length;
  if (length < 17) return Number.NaN;
  let zoneAt = length - 1;
  let offsetMinutes = 0;
  if (text.charCodeAt(zoneAt) !== UPPER_Z) {
    zoneAt = length - 6;
    offsetMinutes = offsetAt(text, zoneAt);
    if (Number.isNaN(offsetMinutes)) return Number.NaN;
  }
  if (zoneAt < 16) return Number.NaN;
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if ((century | yearInCentury | month | day | hour | minute) < 0) return Number.NaN;
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== UPPER_T ||
    text.charCodeAt(13) !== COLON
  ) {
    return Number.NaN;
  }
  // Between minutes and zone: nothing, `:ss`, or `:ss.f…`.
  let second = 0;
  let fraction = 0;
  if (zoneAt > 16) {
    if (zoneAt < 19 || text.charCodeAt(16) !== COLON) return Number.NaN;
    second = twoDigits(text, 17);
    if (second < 0) return Number.NaN;
    if (zoneAt > 19) {
      if (text.charCodeAt(19) !== DOT) return Number.NaN;
      fraction = millisOfFraction(text, 20, zoneAt);
      if (Number.isNaN(fraction)) return Number.NaN;
    }
  }
  const year = century * 100 + yearInCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    fraction
  );
}

export function minutesOf(ms: number): number {
  return ms / MS_PER_MINUTE;
}

export { MS_PER_DAY, MS_PER_MINUTE };
