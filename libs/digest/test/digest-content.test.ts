// What a leader needs is in the digest, in both languages and both parts: numbers, meetings to challenge, ledartid, the step, the links.
import t, { type Test } from 'tap';
import { checkDigestModel, composeDigest, type DigestModel } from '../src/index.js';
import { englishModel, swedishModel } from './fixtures/digest-models.js';
import { attr, readHtml } from './fixtures/html-reading.js';

/** Positions of each needle in the haystack, failing the test for any that is missing. */
function positions(t: Test, haystack: string, needles: string[], where: string): number[] {
  return needles.map((needle) => {
    const at = haystack.indexOf(needle);
    t.ok(at >= 0, `${where} contains ${JSON.stringify(needle)}`);
    return at;
  });
}

/** The text part with its no-break spaces (between numbers and units) read as spaces, as the HTML reading does. */
const textPart = (digest: { text: string }): string => digest.text.replaceAll('\u00a0', ' ');

function inBothParts(t: Test, digest: { html: string; text: string }, needles: string[]): void {
  const html = readHtml(digest.html).text;
  positions(t, html, needles, 'HTML');
  positions(t, textPart(digest), needles, 'text');
}

function hrefs(html: string): string[] {
  return readHtml(html)
    .all('a')
    .map((a) => attr(a, 'href') ?? '');
}

t.test('Swedish: numbers, changes and the comparison in words', async (t) => {
  const digest = await composeDigest(swedishModel());
  t.equal(digest.subject, 'Vecka 50: 4 möten att ompröva, 3 h 45 min att vinna');
  inBothParts(t, digest, [
    'Vecka 50 · 7–13 december 2026',
    'Hej Anna. Så här ser din vecka ut.',
    'Du har 22,5 timmar inbokade möten. Det är 4 timmar mer än vanligt.',
    '22,5 h',
    '4 h mer än vanligt',
    '6 h',
    '3,5 h mindre än vanligt',
    '42 av 100',
    '8 högre än vanligt',
    '3 av 4 h',
    '1 h mer än vanligt',
    '”Vanligt” är snittet av de fyra veckorna innan.',
    'Tyngst är onsdag med 6,5 h.',
  ]);
});

t.test('Swedish: every meeting to challenge with its reason, action and minutes, most minutes first', async (t) => {
  const model = swedishModel();
  const digest = await composeDigest(model);
  const expected = [
    ['Veckomöte ledningsgruppen', 'Tisdag 8 december, 09:00–11:00 · 9 deltagare · återkommande', 'Förslag: Korta ner det. Ger dig 1 h 30 min tillbaka.'],
    ['Projektstatus Atlas', 'Onsdag 9 december, 13:00–14:00 · 14 deltagare · återkommande', 'Förslag: Delegera det. Ger dig 1 h tillbaka.'],
    ['Frukostmöte med säljteamet', 'Fredag 11 december, 08:00–08:45 · 22 deltagare', 'Förslag: Tacka nej. Ger dig 45 min tillbaka.'],
    ['Avstämning budget', 'Torsdag 10 december, 17:00–17:30 · 3 deltagare', 'Förslag: Flytta det. Ger dig 30 min tillbaka.'],
  ];
  for (const [part, text] of [
    ['HTML', readHtml(digest.html).text],
    ['text', textPart(digest)],
  ] as const) {
    const titles = positions(t, text, expected.map(([title]) => title!), part);
    t.same([...titles].sort((a, b) => a - b), titles, `${part}: ordered by minutes given back (90, 60, 45, 30), not as given`);
    for (const [i, [, when, suggestion]] of expected.entries()) {
      const reason = model.challenges.find((c) => c.title === expected[i]![0])!.reason;
      const [w, r, s] = positions(t, text, [when!, reason, suggestion!], part);
      t.ok(titles[i]! < w! && w! < r! && r! < s!, `${part}: ${expected[i]![0]} reads title, when, reason, suggestion`);
      if (i + 1 < titles.length) t.ok(s! < titles[i + 1]!, `${part}: ${expected[i]![0]}'s lines come before the next meeting`);
    }
    positions(t, text, ['Allt som allt 3 h 45 min. Du behöver inte ta allt. Ta ett.'], part);
  }
});

t.test('Swedish: proposals each with their own book link, the step, and every link', async (t) => {
  const model = swedishModel();
  const digest = await composeDigest(model);
  inBothParts(t, digest, [
    'Här finns tid som ingen har tagit än. Ett klick, så bokar vi den åt dig.',
    'Boka ledartid mån 7 dec, 14:00–15:30',
    'Boka ledartid tor 10 dec, 08:00–10:00',
    'Veckans steg',
    'Säg nej till ett möte utan agenda före onsdag. Skriv en mening om varför.',
    'Du skulle hålla fredagens eftermiddag fri från möten. Det höll. Så byggs en vana.',
  ]);
  const links = hrefs(digest.html);
  const read = readHtml(digest.html);
  for (const proposal of model.ledartid.proposals) {
    const anchor = read.all('a').find((a) => attr(a, 'href') === proposal.bookUrl);
    t.ok(anchor, `HTML links ${proposal.bookUrl}`);
    t.match(read.textOf(anchor!), /^Boka ledartid (mån 7 dec, 14:00–15:30|tor 10 dec, 08:00–10:00)$/, 'the link says what it books');
    t.match(digest.text, `${read.textOf(anchor!)}:\n${proposal.bookUrl}\n`, 'the text part gives the same link under the same words');
  }
  for (const url of Object.values(model.links)) {
    t.ok(links.includes(url), `HTML links ${url}`);
    t.ok(digest.text.includes(`\n${url}\n`), `text part writes out ${url}`);
  }
  t.notMatch(readHtml(digest.html).text, 'Bokad i din kalender', 'nothing booked: no booked list');
});

t.test('English: numbers of the week just gone, booked ledartid, the slipped step and the verdict', async (t) => {
  const model = englishModel();
  const digest = await composeDigest(model);
  t.equal(digest.subject, 'Week 50: 2 meetings to challenge, 1 h 30 min to win back');
  inBothParts(t, digest, [
    'Week 50 · 7–13 December 2026',
    'Hi Erik. Here is your week.',
    'A lighter week than usual. Protect it: the two meetings below are where it could slip.',
    'Week 49 in numbers',
    '18 h',
    '2.5 h less than usual',
    '9.5 h',
    '1.5 h more than usual',
    '27 of 100',
    '5 lower than usual',
    '4 of 4 h',
    'the same as usual',
    '“Usual” is the average of the two weeks before.',
    'Vendor demo',
    'Booked this morning, and two of your team are already going.',
    'Suggestion: Delegate it. It gives you 1 h back.',
    'Weekly sync – platform',
    'Suggestion: Meet less often. It gives you 30 min back.',
    'Booked in your calendar:',
    'Tuesday 8 December, 08:00–10:00',
    'Thursday 10 December, 13:00–15:00',
    '4 h of your 4 h goal.',
    "This week's step",
    'Before each meeting on Tuesday, ask yourself: am I needed here, or only invited?',
    'You meant to end every meeting five minutes early. It slipped. That happens. Make the step smaller and try again.',
  ]);
  const text = readHtml(digest.html).text;
  t.ok(text.indexOf('Vendor demo') < text.indexOf('Weekly sync – platform'), '60 minutes back before 30, although given the other way round');
  t.notMatch(text, 'One click and we book it', 'automatic booking on: no proposals');
  for (const url of Object.values(model.links)) t.ok(hrefs(digest.html).includes(url), `HTML links ${url}`);
});

t.test('English proposals and Swedish booked blocks read as well as the other way round', async (t) => {
  const en: DigestModel = { ...englishModel(), ledartid: { booked: [], proposals: swedishModel().ledartid.proposals } };
  const sv: DigestModel = { ...swedishModel(), ledartid: { booked: englishModel().ledartid.booked, proposals: [] } };
  inBothParts(t, await composeDigest(en), ['Here is time nobody has taken yet.', 'Book time to lead Mon 7 Dec, 14:00–15:30', 'Book time to lead Thu 10 Dec, 08:00–10:00']);
  inBothParts(t, await composeDigest(sv), [
    'Bokad i din kalender:',
    'Tisdag 8 december, 08:00–10:00',
    'Torsdag 10 december, 13:00–15:00',
    '4 h av ditt mål på 4 h.',
  ]);
});

t.test('a quiet week: no meeting to challenge, nothing booked, no history, no previous step', async (t) => {
  for (const base of [swedishModel(), englishModel()]) {
    const { verdict: _verdict, ...rest } = base;
    const model: DigestModel = {
      ...rest,
      headline: {
        ...base.headline,
        week: base.week.isoWeek,
        comparedWithWeeks: 0,
        meetingHours: { hours: 1, change: null },
        focusHours: { hours: 20, change: null },
        firefightingIndex: { value: 3, change: null },
        ledartidKept: { hours: 0, goalHours: 4, change: null },
      },
      challenges: [],
      ledartid: { booked: [], proposals: [] },
      step: { thisWeek: base.step.thisWeek, previous: { outcome: 'none' } },
    };
    const digest = await composeDigest(model);
    const sv = base.locale === 'sv';
    t.equal(digest.subject, sv ? 'Vecka 50: din vecka i korthet' : 'Week 50: your week at a glance');
    inBothParts(t, digest, [
      sv ? 'Du har 1 timme inbokade möten.' : 'You have 1 hour of meetings booked.',
      sv ? 'Inget möte sticker ut den här veckan.' : 'No meeting stands out this week.',
      sv ? 'Ingen ledartid är bokad och veckan har ingen lucka som räcker.' : 'No time to lead is booked, and the week has no gap big enough.',
      sv ? 'Jämförelserna kommer när LedarSteg har följt dig några veckor.' : 'Comparisons start once LedarSteg has followed a few of your weeks.',
    ]);
    t.notMatch(textPart(digest), sv ? 'vanligt)' : 'usual)', 'no change shown without history');
    t.notMatch(digest.text, sv ? 'Förra veckan' : 'Last week', 'no previous step');
    t.notMatch(digest.text, sv ? 'Börja med mötena ovan' : 'Start with the meetings above', 'no pointer to meetings that are not there');
  }
});

t.test('a number and its unit never part at the end of a line', async (t) => {
  const digest = await composeDigest(swedishModel());
  for (const part of [digest.html, digest.text]) {
    t.match(part, '22,5\u00a0h', 'hours');
    t.match(part, '1\u00a0h 30\u00a0min', 'hours and minutes');
    t.notMatch(part, /\d (?:h|min)(?![\p{L}\p{N}])/u, 'no ordinary space before a unit');
  }
  t.equal(digest.subject, 'Vecka 50: 4 möten att ompröva, 3 h 45 min att vinna', 'the subject keeps plain spaces');
});

t.test('the greeting works without a first name', async (t) => {
  const { firstName: _sv, ...sv } = swedishModel();
  const { firstName: _en, ...en } = englishModel();
  t.match((await composeDigest(sv)).text, /^Hej! Så här ser din vecka ut\.$/m);
  t.match((await composeDigest(en)).text, /^Hi\. Here is your week\.$/m);
});

t.test('composition is deterministic: the same model and options give the same mail', async (t) => {
  for (const model of [swedishModel(), englishModel()]) {
    const [a, b] = [await composeDigest(model), await composeDigest(structuredClone(model))];
    t.equal(a.html, b.html, 'same HTML');
    t.equal(a.text, b.text, 'same text');
    t.equal(a.subject, b.subject, 'same subject');
    t.same(a.headers, b.headers, 'same headers');
    t.equal(a.attachments.length, 1);
    t.ok(a.attachments[0]!.content.equals(b.attachments[0]!.content), 'the same picture, byte for byte');
    t.equal(a.attachments[0]!.cid, b.attachments[0]!.cid, 'the same content id');
  }
});

t.test('the largest digest the model allows stays under the size at which Gmail clips a message', async (t) => {
  const base = swedishModel();
  // Every text at its longest, in letters that take two bytes.
  const longest = (length: number, i: number) => `${i} ${'Långt mötesnamn '.repeat(40)}`.slice(0, length);
  const challenges = Array.from({ length: 12 }, (_, i) => ({ ...base.challenges[i % 4]!, title: longest(500, i), reason: longest(400, i), minutesBack: 10 + i }));
  const proposals = Array.from({ length: 5 }, (_, i) => ({ ...base.ledartid.proposals[0]!, bookUrl: `${base.ledartid.proposals[0]!.bookUrl}&n=${i}` }));
  const step = { thisWeek: longest(400, 0), previous: { outcome: 'held' as const, summary: longest(400, 1) } };
  const digest = await composeDigest({ ...base, challenges, ledartid: { booked: [], proposals }, step, verdict: longest(300, 2) });
  const size = Buffer.byteLength(digest.html);
  t.ok(size < 102 * 1024, `${size} bytes of HTML`);
  t.throws(() => checkDigestModel({ ...base, challenges: [...challenges, challenges[0]!] }), { name: 'DigestModelError', path: '/challenges' }, 'a 13th meeting is refused');
});

t.test('the input model is not changed by composing', async (t) => {
  const model = swedishModel();
  const before = structuredClone(model);
  await composeDigest(model);
  t.same(model, before);
});
