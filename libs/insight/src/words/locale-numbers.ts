// Numbers as a Swedish or English reader writes them: "1,5 timmar", "1.5 hours", "1 200", "1,200".
export type Locale = 'sv' | 'en';

/** An integer with the locale's thousands separator (a no-break space in Swedish). */
export function wholeNumber(n: number, locale: Locale): string {
  const digits = String(Math.round(n));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'sv' ? '\u00a0' : ',');
  return grouped;
}

/** Minutes as hours with at most one decimal, with the unit: "2,5 timmar", "1 hour", "45 minutes". */
export function hoursOf(minutes: number, locale: Locale): string {
  if (minutes < 60) {
    const m = Math.round(minutes);
    return locale === 'sv' ? `${m}\u00a0minuter` : `${m}\u00a0${m === 1 ? 'minute' : 'minutes'}`;
  }
  const tenths = Math.round(minutes / 6);
  const whole = tenths % 10 === 0;
  const value = whole ? wholeNumber(tenths / 10, locale) : `${wholeNumber(Math.floor(tenths / 10), locale)}${locale === 'sv' ? ',' : '.'}${tenths % 10}`;
  if (locale === 'sv') return `${value}\u00a0${value === '1' ? 'timme' : 'timmar'}`;
  return `${value}\u00a0${value === '1' ? 'hour' : 'hours'}`;
}
