// Fast, strict parsing of wire instants (ISO 8601 with offset) into epoch milliseconds: the hot path of every analysis.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

// Same shape the contracts' `date-time` format accepts; the range checks below reject what luxon would call invalid.
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

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

/** Epoch milliseconds of an ISO instant with offset, or NaN when the text is not one. */
export function parseInstant(text: string): number {
  const m = ISO_WITH_OFFSET.exec(text);
  if (m === null) return Number.NaN;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] === undefined ? 0 : +m[6];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const fraction = m[7] === undefined ? 0 : Math.floor(+`0.${m[7]}` * 1000);
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const offHours = +m[10]!;
    const offMinutes = +m[11]!;
    if (offHours > 23 || offMinutes > 59) return Number.NaN;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  }
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
