// The pages a leader's browser lands on after connecting a calendar: done, not everything granted, or failed.
// Swedish and English on one page; every dynamic value escaped; never cached (the URL held a one-time code).
import { createHash } from 'node:crypto';
import type { ProviderName, ScopeRequirement } from '@ledarsteg/calendar';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RevokeOutcome } from '../connections/revoke-grant.js';
import { PROVIDER_NAMES, wordsFor } from './scope-words.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** Quality of `type` in an Accept header: the most specific matching range wins; 0 when nothing matches. */
function quality(accept: string, type: string): { q: number; explicit: boolean } {
  let best = { q: 0, specificity: -1, explicit: false };
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    const [major] = type.split('/');
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity > best.specificity) best = { q: Number.isFinite(q) ? q : 0, specificity, explicit: specificity === 2 };
  }
  return { q: best.q, explicit: best.explicit };
}

/**
 * Browsers name text/html in Accept; API clients send application/json or nothing (then JSON, as before). HTML wins
 * only when it is asked for by name and not ranked below JSON.
 */
export function wantsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  const html = quality(accept, 'text/html');
  return html.explicit && html.q > 0 && html.q >= quality(accept, 'application/json').q;
}

interface Section {
  heading: string;
  paragraphs: string[];
  list?: string[];
  link?: { href: string; text: string };
}

function section(lang: 'sv' | 'en', s: Section): string {
  const list = s.list?.length ? `<ul>${s.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '';
  const paragraphs = s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  const [first = '', ...rest] = paragraphs;
  const link = s.link ? `<p><a class="button" href="${escapeHtml(s.link.href)}">${escapeHtml(s.link.text)}</a></p>` : '';
  return `<section lang="${lang}"><h1>${escapeHtml(s.heading)}</h1>${first}${list}${rest.join('')}${link}</section>`;
}

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2a33}
h1{font-size:1.4rem}hr{border:0;border-top:1px solid #d5dde2;margin:2rem 0}
.button{display:inline-block;padding:.6rem 1.2rem;background:#1f5f8b;color:#fff;border-radius:.3rem;text-decoration:none}
`;

/**
 * The pages run no script at all and allow exactly their own style sheet, by its hash (not 'unsafe-inline'): an
 * injected style or script would not run even if escaping ever failed.
 */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function page(title: string, sv: Section, en: Section): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${section('sv', sv)}
<hr>
${section('en', en)}
</main>
</body>
</html>
`;
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store')
    .send(html);
}

export function missingScopesPage(provider: ProviderName, missing: readonly ScopeRequirement[], revoked: RevokeOutcome, retryUrl: string): string {
  const name = PROVIDER_NAMES[provider];
  const words = missing.map((m) => wordsFor(m.scope));
  const withdrawn: Record<RevokeOutcome, { sv: string; en: string }> = {
    revoked: {
      sv: `Vi kopplade ingenting och har dragit tillbaka det du godkände hos ${name}.`,
      en: `We connected nothing and have withdrawn what you did allow at ${name}.`,
    },
    failed: {
      sv: `Vi kopplade ingenting och kastade det du godkände. ${name} svarade inte när vi drog tillbaka åtkomsten; du kan ta bort LedarSteg under Tredjepartsappar i ditt Google-konto.`,
      en: `We connected nothing and discarded what you allowed. ${name} did not answer when we withdrew the access; you can remove LedarSteg under Third-party apps in your Google Account.`,
    },
    unsupported: {
      sv: `Vi kopplade ingenting och kastade det du godkände. ${name} låter inte en app dra tillbaka sin egen åtkomst; du kan ta bort LedarSteg på myapps.microsoft.com (jobb- eller skolkonto) eller account.live.com/consent/Manage (privat konto).`,
      en: `We connected nothing and discarded what you allowed. ${name} does not let an app withdraw its own access; you can remove LedarSteg at myapps.microsoft.com (work or school account) or account.live.com/consent/Manage (personal account).`,
    },
  };
  return page(
    'Kalendern kopplades inte – Your calendar was not connected',
    {
      heading: 'Kalendern kopplades inte',
      paragraphs: [
        `LedarSteg behöver allt som efterfrågades, men ${name} gav oss inte lov att:`,
        withdrawn[revoked].sv,
        'Försök igen och låt alla rutor vara ikryssade. Fråga din IT-avdelning om din organisation har stängt av något av detta.',
      ],
      list: words.map((w) => w.sv),
      link: { href: retryUrl, text: `Koppla ${name}-kalendern igen` },
    },
    {
      heading: 'Your calendar was not connected',
      paragraphs: [
        `LedarSteg needs everything it asked for, but ${name} did not let us:`,
        withdrawn[revoked].en,
        'Try again and leave every box ticked. Ask your IT department if your organisation has turned any of this off.',
      ],
      list: words.map((w) => w.en),
      link: { href: retryUrl, text: `Connect the ${name} calendar again` },
    },
  );
}

export function connectedPage(provider: ProviderName, email: string): string {
  const name = PROVIDER_NAMES[provider];
  return page(
    'Kalendern är kopplad – Your calendar is connected',
    { heading: 'Kalendern är kopplad', paragraphs: [`LedarSteg läser nu ${name}-kalendern för ${email}. Du kan stänga den här sidan.`] },
    { heading: 'Your calendar is connected', paragraphs: [`LedarSteg now reads the ${name} calendar of ${email}. You can close this page.`] },
  );
}

/** Any other failure of the callback, with the coded error's message (never internals) and a way back. */
export function failedPage(provider: ProviderName | undefined, message: string, retryUrl: string | undefined): string {
  const name = provider ? ` ${PROVIDER_NAMES[provider]}` : '';
  return page(
    'Kalendern kunde inte kopplas – Your calendar could not be connected',
    {
      heading: 'Kalendern kunde inte kopplas',
      paragraphs: ['Något gick fel när kalendern skulle kopplas, och ingenting kopplades. Försök igen; hjälper det inte, hör av dig till oss.'],
      ...(retryUrl ? { link: { href: retryUrl, text: `Koppla${name}-kalendern igen` } } : {}),
    },
    {
      heading: 'Your calendar could not be connected',
      paragraphs: ['Something went wrong while connecting your calendar, and nothing was connected.', message],
      ...(retryUrl ? { link: { href: retryUrl, text: `Connect the${name} calendar again` } } : {}),
    },
  );
}
