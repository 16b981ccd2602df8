// The small public pages behind the digest's links, in Swedish and English: no scripts, no tracking, never cached.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export type PageLocale = 'sv' | 'en';

const CSS =
  'body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2a33;background:#f5f3ef;margin:0;padding:2rem 1rem}' +
  'main{max-width:32rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem 1.75rem}' +
  'h1{font-size:1.35rem;margin:0 0 .75rem}button{font:inherit;background:#1f5c4a;color:#fff;border:0;border-radius:6px;padding:.6rem 1.2rem;cursor:pointer}' +
  'label{display:block;margin:.75rem 0 .25rem;font-weight:600}select,input{font:inherit;padding:.4rem;border:1px solid #6b7780;border-radius:4px}' +
  '.note{color:#4a5660;font-size:.9rem}';
const CSS_HASH = createHash('sha256').update(CSS).digest('base64');

/** Only this page's own style runs; forms post back here only; nothing is framed, referred or cached. */
const SECURITY_HEADERS = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${CSS_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
} as const;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sends a page; `body` is HTML the caller built from escaped values. */
export function sendPage(reply: FastifyReply, status: number, locale: PageLocale, title: string, body: string): FastifyReply {
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} – LedarSteg</title><style>${CSS}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return reply.status(status).headers(SECURITY_HEADERS).type('text/html; charset=utf-8').send(html);
}

export const WEEKDAYS: Record<PageLocale, string[]> = {
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** Every sentence of the pages, per language. */
export const PAGE_TEXT = {
  sv: {
    invalidTitle: 'Länken fungerar inte',
    invalid: 'Länken är inte giltig. Den kan ha blivit ändrad på vägen. Ingenting har ändrats.',
    expiredTitle: 'Länken har gått ut',
    expired: 'Länkarna i veckobrevet gäller i två veckor. Ingenting har ändrats. Nästa veckobrev har nya länkar.',
    usedTitle: 'Länken är redan använd',
    used: 'Den här länken har redan använts en gång, och den fungerar bara en gång. Ingenting mer har ändrats.',
    unsubscribeTitle: 'Avsluta veckobrevet?',
    unsubscribeButton: 'Ja, avsluta veckobrevet',
    unsubscribeNote: 'Du kan slå på det igen i inställningarna i LedarSteg.',
    unsubscribedTitle: 'Veckobrevet är avslutat',
    unsubscribed: 'Du får inga fler veckobrev. Vill du ha tillbaka det slår du på det i inställningarna i LedarSteg.',
    scheduleTitle: 'När vill du få veckobrevet?',
    weekday: 'Dag',
    time: 'Klockan',
    scheduleButton: 'Spara',
    scheduleNote: 'Tiden gäller där du är, enligt tidszonen i din kalender.',
    scheduledTitle: 'Klart',
    scheduled: (day: string, time: string) => `Veckobrevet kommer nu på ${day}ar klockan ${time}.`,
    badScheduleTitle: 'Det gick inte att spara',
    badSchedule: 'Välj en dag och en tid som TT:MM. Ingenting har ändrats.',
    bookTitle: 'Boka ledartid?',
    book: (when: string) => `Vi lägger in ledartid i din kalender ${when}.`,
    bookButton: 'Boka',
    bookedTitle: 'Bokat',
    booked: (when: string) => `Ledartiden ${when} läggs in i din kalender om en liten stund.`,
    unavailableTitle: 'Försök igen om en stund',
    unavailable: 'Vi kunde inte ta emot det just nu. Ingenting har ändrats, och länken fungerar fortfarande.',
  },
  en: {
    invalidTitle: 'This link does not work',
    invalid: 'The link is not valid. It may have been changed on the way. Nothing has changed.',
    expiredTitle: 'This link has expired',
    expired: 'The links in the weekly digest work for two weeks. Nothing has changed. The next digest brings new links.',
    usedTitle: 'This link has been used',
    used: 'This link has already been used once, and it only works once. Nothing more has changed.',
    unsubscribeTitle: 'Stop the weekly digest?',
    unsubscribeButton: 'Yes, stop the weekly digest',
    unsubscribeNote: 'You can turn it back on in your LedarSteg settings.',
    unsubscribedTitle: 'The weekly digest is stopped',
    unsubscribed: 'You will get no more weekly digests. To have it back, turn it on in your LedarSteg settings.',
    scheduleTitle: 'When would you like the weekly digest?',
    weekday: 'Day',
    time: 'Time',
    scheduleButton: 'Save',
    scheduleNote: 'The time is where you are, by your calendar’s time zone.',
    scheduledTitle: 'Done',
    scheduled: (day: string, time: string) => `The weekly digest now comes on ${day}s at ${time}.`,
    badScheduleTitle: 'That could not be saved',
    badSchedule: 'Choose a day and a time as HH:MM. Nothing has changed.',
    bookTitle: 'Book leadership time?',
    book: (when: string) => `We will put leadership time in your calendar ${when}.`,
    bookButton: 'Book it',
    bookedTitle: 'Booked',
    booked: (when: string) => `Your leadership time ${when} will appear in your calendar shortly.`,
    unavailableTitle: 'Please try again shortly',
    unavailable: 'We could not take that right now. Nothing has changed, and the link still works.',
  },
} as const;
