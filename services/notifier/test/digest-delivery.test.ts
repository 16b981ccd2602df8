import t from 'tap';
import { Consumers } from '@ledarsteg/contracts';
import { eventually } from '@ledarsteg/testing';
import { digestKey, digestMessageId } from '../src/digest/digest-key.js';
import { digestHarness, linksIn, pathOf } from './fixtures/digest-harness.js';
import { week14, weekCompleted } from './fixtures/weeks.js';

const SUNDAY = '2026-03-29T12:00:00Z';
const proposal = (userId: string) => ({
  userId, week: '2026-W14', proposedAt: '2026-03-27T10:00:00Z',
  proposal: {
    week: '2026-W14', timeZone: 'Europe/Stockholm', goalMinutes: 180, existingMinutes: 0, proposedMinutes: 180, shortfallMinutes: 0, tradeOffs: [],
    slots: [{ start: '2026-03-31T12:00:00Z', end: '2026-03-31T13:30:00Z', day: '2026-03-31' }],
  },
});

t.test('each leader gets the digest at Monday 07:00 in their own zone and language: both parts, headers, picture', async (t) => {
  const h = await digestHarness(t, { start: SUNDAY });
  const app = await h.start();
  await h.settings('anna', { locale: 'sv' });
  await h.settings('bill', { locale: 'en', timeZone: 'America/New_York', displayName: 'Bill Ek' });
  for (const [user, zone] of [['anna', 'Europe/Stockholm'], ['bill', 'America/New_York']] as const) {
    for (const week of ['2026-W10', '2026-W11', '2026-W12', '2026-W13']) await h.deliver(Consumers.notifier.weekCompleted, weekCompleted(user, week, zone));
    await h.deliver(Consumers.notifier.weekCompleted, week14(user, zone));
  }
  await h.deliver(Consumers.notifier.proposalUpdated, proposal('anna'));
  t.same((await h.subscriptions.byId('anna'))?.dueAt, new Date('2026-03-30T05:00:00Z'), 'Stockholm: 07:00 CEST, the first Monday of summer time');
  t.same((await h.subscriptions.byId('bill'))?.dueAt, new Date('2026-03-30T11:00:00Z'), 'New York: 07:00 EDT');

  h.clock.jumpTo('2026-03-30T05:00:01Z');
  await eventually(() => h.mailsTo('anna@example.se').length === 1, { what: 'the Swedish digest', timeoutMs: 60_000 });
  await eventually(async () => (await h.subscriptions.byId('anna'))?.dueWeek === '2026-W15', { what: 'the next week scheduled' });
  t.equal(h.mailsTo('bill@example.se').length, 0, 'New York is still asleep');
  t.equal(await h.ledger.get(digestKey('bill', '2026-W14')), null, 'and nothing is claimed for it');
  h.clock.jumpTo('2026-03-30T11:00:01Z');
  await eventually(() => h.mailsTo('bill@example.se').length === 1, { what: 'the English digest', timeoutMs: 60_000 });

  const sv = await h.parse(h.mailsTo('anna@example.se')[0]!.raw);
  const en = await h.parse(h.mailsTo('bill@example.se')[0]!.raw);
  t.match(sv.subject, /vecka 14/i);
  t.match(en.subject, /week 14/i);
  t.match(sv.text, /Anna/);
  t.match(sv.text, /Sluta i tid/, 'the Swedish step');
  t.match(en.text, /Finish on time/, 'the English step');
  for (const [mail, user, lang] of [[sv, 'anna', 'sv'], [en, 'bill', 'en']] as const) {
    t.equal(mail.messageId, digestMessageId(digestKey(user, '2026-W14'), 'veckobrev@ledarsteg.se'), `${lang}: Message-ID from the natural key`);
    t.match(mail.html, new RegExp(`<html[^>]*lang="${lang}"`), `${lang}: the HTML says its language`);
    t.ok(mail.text && mail.text.length > 200, `${lang}: a plain-text part`);
    const unsubscribe = mail.headerLines.find((l) => l.key === 'list-unsubscribe')?.line ?? '';
    t.match(unsubscribe, /<https:\/\/mail\.ledarsteg\.example\/l\/unsubscribe\?t=[^>]+>/, `${lang}: List-Unsubscribe`);
    t.match(mail.headerLines.find((l) => l.key === 'list-unsubscribe-post')?.line, /List-Unsubscribe=One-Click/, `${lang}: one click (RFC 8058)`);
    const picture = mail.attachments.find((a) => a.contentType === 'image/png');
    t.ok(picture?.contentId && String(mail.html).includes(`cid:${picture.contentId.replace(/[<>]/g, '')}`), `${lang}: the picture is inline`);
    t.notMatch(mail.html, '<script>', `${lang}: a title with markup stays text`);
    t.notOk(mail.headers.has('bcc'), `${lang}: a title with a newline adds no header`);
    t.match(mail.html, 'Ledningsgrupp &lt;script&gt;', `${lang}: the leader sees their own titles`);
  }
  t.equal(linksIn(sv.text ?? '').book.length, 1, 'a book-this link for the proposal');
  t.equal(linksIn(en.text ?? '').book.length, 0, 'no proposal for Bill');

  const deliveries = (await app.inject('/recipients/anna/deliveries')).json().deliveries;
  t.match(deliveries, [{ kind: 'digest', week: '2026-W14', status: 'sent', key: digestKey('anna', '2026-W14'), messageId: sv.messageId }]);
  const sent = await eventually(async () => {
    const all = await h.published('notification.digest.sent.v1');
    return all.length === 2 ? all : undefined;
  }, { what: 'two digest.sent announcements' });
  t.same(sent.map((s) => s.userId).sort(), ['anna', 'bill']);

  const preview = await app.inject('/recipients/anna/digests/2026-W14/preview');
  t.equal(preview.statusCode, 200);
  t.match(preview.headers['content-type'], /text\/html/);
  t.match(preview.body, 'data:image/png;base64,', 'the preview carries its picture');
  t.equal((await app.inject('/recipients/anna/digests/2026-W02/preview')).json().code, 'NOTIFIER_ERR_WEEK_NOT_ANALYSED');
  t.equal((await app.inject('/recipients/nobody/digests/2026-W14/preview')).json().code, 'NOTIFIER_ERR_RECIPIENT_NOT_FOUND');
  t.equal((await app.inject('/recipients/anna/digests/week-14/preview')).statusCode, 400);
});

t.test('every link works once and only for what it says; the digest moves and stops as the leader asks', async (t) => {
  const h = await digestHarness(t, { start: SUNDAY });
  const app = await h.start();
  for (const user of ['anna', 'cleo']) {
    await h.settings(user);
    await h.deliver(Consumers.notifier.weekCompleted, week14(user));
    await h.deliver(Consumers.notifier.proposalUpdated, proposal(user));
  }
  h.clock.jumpTo('2026-03-30T05:00:01Z');
  await eventually(() => h.smtp.received.length === 2, { what: 'both digests', timeoutMs: 60_000 });
  const anna = linksIn((await h.parse(h.mailsTo('anna@example.se')[0]!.raw)).text ?? '');
  const cleo = linksIn((await h.parse(h.mailsTo('cleo@example.se')[0]!.raw)).text ?? '');

  // Book this: a GET (what a mail scanner does) only shows a page.
  const page = await app.inject(pathOf(anna.book[0]!));
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-security-policy'], /default-src 'none'/);
  t.equal(page.headers['cache-control'], 'no-store');
  t.match(page.body, /Boka ledartid\?/);
  t.match(page.body, /tisdag 31 mars 14:00–15:30/);
  t.same(await h.published('ledartid.proposal.decided.v1'), [], 'a GET books nothing');
  const booked = await app.inject({ method: 'POST', url: pathOf(anna.book[0]!) });
  t.equal(booked.statusCode, 200);
  t.match(booked.body, /Bokat/);
  const decided = await h.published('ledartid.proposal.decided.v1');
  t.match(decided, [{ userId: 'anna', week: '2026-W14', decision: 'accepted', slot: { start: '2026-03-31T12:00:00Z', end: '2026-03-31T13:30:00Z' } }]);
  const replay = await app.inject({ method: 'POST', url: pathOf(anna.book[0]!) });
  t.equal(replay.statusCode, 409, 'a replayed link gets a clear page');
  t.match(replay.body, /redan använd/);
  t.equal((await h.published('ledartid.proposal.decided.v1')).length, 1, 'and books nothing more');

  // Tampered: another leader's id in Anna's link.
  const [kid, body, mac] = new URL(anna.unsubscribe[0]!).searchParams.get('t')!.split('.') as [string, string, string];
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), u: 'cleo' })).toString('base64url');
  const tampered = await app.inject({ method: 'POST', url: `/l/unsubscribe?t=${kid}.${forged}.${mac}` });
  t.equal(tampered.statusCode, 400);
  t.match(tampered.body, /Länken fungerar inte/);
  t.equal((await h.subscriptions.byId('cleo'))?.weeklyDigest, true, 'a forged link changes nothing');
  const wrongPurpose = await app.inject({ method: 'POST', url: `/l/unsubscribe?t=${new URL(anna.book[0]!).searchParams.get('t')}` });
  t.equal(wrongPurpose.statusCode, 400, 'a book link does not unsubscribe');

  // Unsubscribe: the GET page has a button; the one-click POST (RFC 8058) acts.
  const ask = await app.inject(pathOf(anna.unsubscribe[0]!));
  t.match(ask.body, /<form method="post"/);
  t.equal((await h.subscriptions.byId('anna'))?.weeklyDigest, true, 'the GET changed nothing');
  const oneClick = await app.inject({
    method: 'POST', url: pathOf(anna.unsubscribe[0]!),
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click',
  });
  t.equal(oneClick.statusCode, 200);
  t.match(oneClick.body, /Veckobrevet är avslutat/);
  const off = await h.subscriptions.byId('anna');
  t.equal(off?.weeklyDigest, false, 'applied here at once');
  t.equal(off?.dueAt, undefined, 'nothing is scheduled');
  t.match(await h.published('notification.digest.preferences-requested.v1'), [{ userId: 'anna', weeklyDigest: false }], 'and asked of the settings owner');
  const multipart = await app.inject({
    method: 'POST', url: pathOf(anna.unsubscribe[0]!),
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
  });
  t.equal(multipart.statusCode, 409, 'a multipart one-click (also RFC 8058) is read, and finds the link used');
  // A settings change from before the click, arriving late, cannot turn it back on.
  await h.settings('anna', { changedAt: '2026-03-29T18:00:00Z' });
  t.equal((await h.subscriptions.byId('anna'))?.weeklyDigest, false);

  // Change day and time: a form; the POST moves the next digest to Wednesday 09:15.
  const form = await app.inject(pathOf(cleo.schedule[0]!));
  t.match(form.body, /<select id="weekday" name="weekday">/);
  t.match(form.body, /<option value="1" selected>måndag<\/option>/);
  const bad = await app.inject({ method: 'POST', url: pathOf(cleo.schedule[0]!), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'weekday=9&time=25:00' });
  t.equal(bad.statusCode, 400, 'a bad form is refused');
  const moved = await app.inject({ method: 'POST', url: pathOf(cleo.schedule[0]!), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'weekday=3&time=09:15' });
  t.equal(moved.statusCode, 200);
  t.match(moved.body, /onsdagar klockan 09:15/);
  t.match(await h.subscriptions.byId('cleo'), { digestAt: { weekday: 3, time: '09:15' }, dueAt: new Date('2026-04-01T07:15:00Z'), dueWeek: '2026-W15' });
  t.match((await h.published('notification.digest.preferences-requested.v1')).at(-1), { userId: 'cleo', digestAt: { weekday: 3, time: '09:15' } });

  await h.deliver(Consumers.notifier.weekCompleted, weekCompleted('cleo', '2026-W15', 'Europe/Stockholm'));
  await h.deliver(Consumers.notifier.weekCompleted, weekCompleted('anna', '2026-W15', 'Europe/Stockholm'));
  h.clock.jumpTo('2026-04-01T07:15:01Z');
  await eventually(() => h.mailsTo('cleo@example.se').length === 2, { what: 'the digest on the new day', timeoutMs: 60_000 });
  t.match((await h.parse(h.mailsTo('cleo@example.se')[1]!.raw)).subject, /vecka 15/i, 'Wednesday’s digest prepares the coming week');
  t.equal(h.mailsTo('anna@example.se').length, 1, 'the leader who unsubscribed got nothing more');

  // Links last two weeks after the week they belong to begins.
  h.clock.jumpTo('2026-04-14T00:00:00Z');
  const expired = await app.inject(pathOf(cleo.unsubscribe[0]!));
  t.equal(expired.statusCode, 410);
  t.match(expired.body, /Länken har gått ut/);
});

t.test('week after week at 07:00 local through the DST changes of Stockholm (spring) and Sydney (autumn)', async (t) => {
  const h = await digestHarness(t, { start: '2026-03-21T12:00:00Z' });
  await h.start();
  await h.settings('sven', { timeZone: 'Europe/Stockholm' });
  await h.settings('sue', { timeZone: 'Australia/Sydney', locale: 'en' });
  for (const week of ['2026-W13', '2026-W14', '2026-W15']) {
    await h.deliver(Consumers.notifier.weekCompleted, weekCompleted('sven', week, 'Europe/Stockholm'));
    await h.deliver(Consumers.notifier.weekCompleted, weekCompleted('sue', week, 'Australia/Sydney'));
  }
  const steps: [string, string, string, string][] = [
    // [moment, who, the week sent, the next digest due]
    ['2026-03-22T20:00:01Z', 'sue', '2026-W13', '2026-03-29T20:00:00.000Z'],
    ['2026-03-23T06:00:01Z', 'sven', '2026-W13', '2026-03-30T05:00:00.000Z'],
    ['2026-03-29T20:00:01Z', 'sue', '2026-W14', '2026-04-05T21:00:00.000Z'],
    ['2026-03-30T05:00:01Z', 'sven', '2026-W14', '2026-04-06T05:00:00.000Z'],
    ['2026-04-05T21:00:01Z', 'sue', '2026-W15', '2026-04-12T21:00:00.000Z'],
  ];
  for (const [moment, who, week, next] of steps) {
    h.clock.jumpTo(moment);
    const sub = await eventually(async () => {
      const s = await h.subscriptions.byId(who);
      return s?.dueAt?.toISOString() === next ? s : undefined;
    }, { what: `${who}'s ${week} digest sent and the next scheduled`, timeoutMs: 60_000 });
    t.equal(sub.dueAt?.toISOString(), next, `${who} at ${moment}: next due ${next}`);
    t.match((await h.ledger.get(digestKey(who, week)))?.result, { status: 'sent', week }, `${who} got ${week}`);
  }
  t.equal(h.mailsTo('sven@example.se').length, 2);
  t.equal(h.mailsTo('sue@example.se').length, 3);
});
