// The digest's signed links: GET shows a page (mail scanners prefetch GETs, so GETs change nothing); POST acts, once.
import { randomUUID } from 'node:crypto';
import { type DigestSchedule, Subjects } from '@ledarsteg/contracts';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { nextDue } from '../digest/schedule.js';
import { escapeHtml, PAGE_TEXT, type PageLocale, sendPage, WEEKDAYS } from '../links/link-pages.js';
import type { LinkClaims, LinkPurpose } from '../links/link-tokens.js';
import type { NotifierService } from '../service-context.js';

const USE_LEASE_MS = 60_000;
const MAX_TOKEN = 2048;

const ScheduleForm = Type.Object({
  weekday: Type.String({ pattern: '^[1-7]$' }),
  time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
});

function tokenOf(req: FastifyRequest): string | undefined {
  const t = (req.query as Record<string, unknown> | undefined)?.['t'];
  return typeof t === 'string' && t.length > 0 && t.length <= MAX_TOKEN ? t : undefined;
}

export async function digestLinkRoutes(app: FastifyInstance, opts: { svc: NotifierService }) {
  const { svc } = opts;
  // Forms and RFC 8058 one-click requests arrive url-encoded; only these routes accept that.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  // RFC 8058 lets a mail client post its one-click body as multipart/form-data too; the token in the URL is all we read.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));

  async function localeOf(userId: string | undefined): Promise<PageLocale> {
    if (!userId) return 'sv';
    return (await svc.subscriptions.byId(userId))?.locale ?? 'sv';
  }

  /** The link's claims, or the page that says why there are none (and nothing changed). */
  async function checked(req: FastifyRequest, reply: FastifyReply, purpose: LinkPurpose): Promise<{ claims: LinkClaims; locale: PageLocale } | undefined> {
    const token = tokenOf(req);
    const result = token ? svc.links.verify(token, purpose, svc.now()) : ({ ok: false, why: 'malformed' } as const);
    if (!result.ok) {
      req.log.info({ purpose, why: result.why }, 'digest link refused');
      const text = PAGE_TEXT.sv;
      if (result.why === 'expired') await sendPage(reply, 410, 'sv', `${text.expiredTitle} / ${PAGE_TEXT.en.expiredTitle}`, `<p>${text.expired}</p><p lang="en">${PAGE_TEXT.en.expired}</p>`);
      else await sendPage(reply, 400, 'sv', `${text.invalidTitle} / ${PAGE_TEXT.en.invalidTitle}`, `<p>${text.invalid}</p><p lang="en">${PAGE_TEXT.en.invalid}</p>`);
      return undefined;
    }
    const locale = await localeOf(result.claims.u);
    if ((await svc.linkUses.get(result.claims.j))?.state === 'done') {
      await sendPage(reply, 409, locale, PAGE_TEXT[locale].usedTitle, `<p>${PAGE_TEXT[locale].used}</p>`);
      return undefined;
    }
    return { claims: result.claims, locale };
  }

  /** Runs `effect` once per link: a replay, or a second click racing the first, gets the used page. */
  async function once(reply: FastifyReply, link: { claims: LinkClaims; locale: PageLocale }, effect: () => Promise<void>): Promise<boolean> {
    const { claims, locale } = link;
    const owner = randomUUID();
    const use = await svc.linkUses.claim(claims.j, owner, USE_LEASE_MS, svc.now());
    if (use.status !== 'claimed') {
      await sendPage(reply, 409, locale, PAGE_TEXT[locale].usedTitle, `<p>${PAGE_TEXT[locale].used}</p>`);
      return false;
    }
    try {
      await effect();
    } catch (err) {
      await svc.linkUses.release(claims.j, owner);
      reply.log.error({ err, purpose: claims.p }, 'digest link not applied');
      await sendPage(reply, 503, locale, PAGE_TEXT[locale].unavailableTitle, `<p>${PAGE_TEXT[locale].unavailable}</p>`);
      return false;
    }
    await svc.linkUses.complete(claims.j, owner, { userId: claims.u, purpose: claims.p }, svc.now());
    return true;
  }

  const action = (req: FastifyRequest) => escapeHtml(`${req.url.split('?')[0]}?t=${encodeURIComponent(tokenOf(req) ?? '')}`);

  app.get('/l/unsubscribe', async (req, reply) => {
    const link = await checked(req, reply, 'unsubscribe');
    if (!link) return reply;
    const text = PAGE_TEXT[link.locale];
    return sendPage(reply, 200, link.locale, text.unsubscribeTitle, `<form method="post" action="${action(req)}"><button type="submit">${text.unsubscribeButton}</button></form><p class="note">${text.unsubscribeNote}</p>`);
  });

  // RFC 8058: a mail client posts List-Unsubscribe=One-Click here; the page's own button posts here too.
  app.post('/l/unsubscribe', async (req, reply) => {
    const link = await checked(req, reply, 'unsubscribe');
    if (!link) return reply;
    const { u: userId, j: requestId } = link.claims;
    const done = await once(reply, link, async () => {
      const at = svc.now();
      // Applied here at once, so no digest slips out before the settings owner confirms.
      await svc.subscriptions.choose(userId, { weeklyDigest: false }, at, () => undefined);
      await svc.publish(Subjects.digestPreferencesRequested, { userId, requestId, weeklyDigest: false, requestedAt: at.toISOString() }, { id: `digest-prefs-${requestId}` });
    });
    if (!done) return reply;
    req.log.info({ userId }, 'digest unsubscribed by link');
    const text = PAGE_TEXT[link.locale];
    return sendPage(reply, 200, link.locale, text.unsubscribedTitle, `<p>${text.unsubscribed}</p>`);
  });

  function scheduleForm(req: FastifyRequest, locale: PageLocale, current?: { weekday: number; time: string }) {
    const text = PAGE_TEXT[locale];
    const options = WEEKDAYS[locale].map((day, i) => `<option value="${i + 1}"${current?.weekday === i + 1 ? ' selected' : ''}>${day}</option>`).join('');
    return (
      `<form method="post" action="${action(req)}"><label for="weekday">${text.weekday}</label><select id="weekday" name="weekday">${options}</select>` +
      `<label for="time">${text.time}</label><input id="time" name="time" type="time" required value="${escapeHtml(current?.time ?? '07:00')}">` +
      `<p><button type="submit">${text.scheduleButton}</button></p></form><p class="note">${text.scheduleNote}</p>`
    );
  }

  app.get('/l/schedule', async (req, reply) => {
    const link = await checked(req, reply, 'schedule');
    if (!link) return reply;
    const sub = await svc.subscriptions.byId(link.claims.u);
    return sendPage(reply, 200, link.locale, PAGE_TEXT[link.locale].scheduleTitle, scheduleForm(req, link.locale, sub?.digestAt));
  });

  app.post('/l/schedule', async (req, reply) => {
    const link = await checked(req, reply, 'schedule');
    if (!link) return reply;
    const text = PAGE_TEXT[link.locale];
    if (!Value.Check(ScheduleForm, req.body)) {
      return sendPage(reply, 400, link.locale, text.badScheduleTitle, `<p>${text.badSchedule}</p>${scheduleForm(req, link.locale)}`);
    }
    const digestAt: DigestSchedule = { weekday: Number(req.body.weekday), time: req.body.time };
    const { u: userId, j: requestId } = link.claims;
    const done = await once(reply, link, async () => {
      const at = svc.now();
      await svc.subscriptions.choose(userId, { digestAt }, at, (sub) => nextDue(sub, at));
      await svc.publish(Subjects.digestPreferencesRequested, { userId, requestId, digestAt, requestedAt: at.toISOString() }, { id: `digest-prefs-${requestId}` });
    });
    if (!done) return reply;
    req.log.info({ userId, digestAt }, 'digest moved by link');
    return sendPage(reply, 200, link.locale, text.scheduledTitle, `<p>${text.scheduled(WEEKDAYS[link.locale][digestAt.weekday - 1]!, digestAt.time)}</p>`);
  });

  async function slotWords(claims: LinkClaims, locale: PageLocale): Promise<string> {
    const zone = (await svc.subscriptions.byId(claims.u))?.timeZone ?? 'Europe/Stockholm';
    const start = DateTime.fromISO(claims.s ?? '').setZone(zone).setLocale(locale === 'sv' ? 'sv-SE' : 'en-GB');
    const end = DateTime.fromISO(claims.t ?? '').setZone(zone);
    if (!start.isValid || !end.isValid) return '';
    return escapeHtml(`${start.toFormat('cccc d LLLL')} ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`);
  }

  app.get('/l/book', async (req, reply) => {
    const link = await checked(req, reply, 'book');
    if (!link) return reply;
    const text = PAGE_TEXT[link.locale];
    const when = await slotWords(link.claims, link.locale);
    return sendPage(reply, 200, link.locale, text.bookTitle, `<p>${text.book(when)}</p><form method="post" action="${action(req)}"><button type="submit">${text.bookButton}</button></form>`);
  });

  app.post('/l/book', async (req, reply) => {
    const link = await checked(req, reply, 'book');
    if (!link) return reply;
    const { u: userId, j: decisionId, w: week, s: start, t: end } = link.claims;
    const text = PAGE_TEXT[link.locale];
    if (!week || !start || !end) {
      return sendPage(reply, 400, link.locale, text.invalidTitle, `<p>${text.invalid}</p>`);
    }
    const done = await once(reply, link, async () => {
      await svc.publish(
        Subjects.proposalDecided,
        { userId, week, slot: { start, end }, decision: 'accepted', decisionId, decidedAt: svc.now().toISOString() },
        { id: `proposal-decided-${decisionId}` },
      );
    });
    if (!done) return reply;
    req.log.info({ userId, week }, 'ledartid booked by link');
    return sendPage(reply, 200, link.locale, text.bookedTitle, `<p>${text.booked(await slotWords(link.claims, link.locale))}</p>`);
  });
}
