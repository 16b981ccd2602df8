// Numbers, durations, dates and weeks written the way each locale writes them, without depending on the runtime's ICU.
import type { DigestLocale } from './digest-model.js';

const WEEKDAYS: Record<DigestLocale, readonly string[]> = {
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS: Record<DigestLocale, readonly string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
/** U+2212: the minus sign, not a hyphen. */
const MINUS = '\u2212';
/** A number and its unit never part at the end of a line. */
const NBSP = '\u00a0';

type DateParts = { year: number; month: number; day: number; weekday: number };

/** Year, month (1–12), day and ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function dateParts(date: string): DateParts {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, weekday };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A number with at most `decimals` decimals, trailing zeros dropped, in the locale's decimal mark. */
export function formatNumber(value: number, locale: DigestLocale, decimals = 1): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const text = String(rounded).replace('.', locale === 'sv' ? ',' : '.');
  return rounded === 0 || value > 0 ? text : `${MINUS}${text}`;
}

/** Hours as "5,5 h" / "5.5 h". */
export function formatHours(hours: number, locale: DigestLocale): string {
  return `${formatNumber(hours, locale)}${NBSP}h`;
}

/** Minutes as "45 min", "1 h", "1 h 30 min": the same in both languages. */
export function formatMinutes(minutes: number): string {
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m}${NBSP}min`;
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h ${m}${NBSP}min`;
}

/** "måndag" / "Monday". */
export function weekdayName(date: string, locale: DigestLocale): string {
  return WEEKDAYS[locale][dateParts(date).weekday - 1]!;
}

/** "Tisdag 9 december" / "Tuesday 9 December" (capitalised: it starts a line). */
export function formatDay(date: string, locale: DigestLocale): string {
  const { month, day } = dateParts(date);
  return capitalise(`${weekdayName(date, locale)} ${day} ${MONTHS[locale][month - 1]}`);
}

/** "ons 10 dec" / "Wed 10 Dec": short enough for a button. */
export function formatShortDay(date: string, locale: DigestLocale): string {
  const { month, day } = dateParts(date);
  return `${weekdayName(date, locale).slice(0, 3)} ${day} ${MONTHS[locale][month - 1]!.slice(0, 3)}`;
}

/** "08:00–10:00". */
export function formatTimes(start: string, end: string): string {
  return `${start}\u2013${end}`;
}

/** "1–7 december 2026", "29 december 2025 – 4 januari 2026". */
export function formatDateRange(from: string, to: string, locale: DigestLocale): string {
  const a = dateParts(from);
  const b = dateParts(to);
  const month = (p: DateParts) => MONTHS[locale][p.month - 1]!;
  if (a.year !== b.year) return `${a.day} ${month(a)} ${a.year} \u2013 ${b.day} ${month(b)} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${month(a)} \u2013 ${b.day} ${month(b)} ${b.year}`;
  return `${a.day}\u2013${b.day} ${month(b)} ${b.year}`;
}

/** The week number of an ISO week id: "2026-W09" → 9. */
export function weekNumber(isoWeek: string): number {
  return Number(isoWeek.slice(6));
}
