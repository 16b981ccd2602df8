// An accessibility read of the composed HTML: language, heading order, alt texts, contrast, link texts, layout tables.
import t from 'tap';
import { composeDigest } from '../src/index.js';
import { contrastRatio, palette, textPairs } from '../src/palette.js';
import { englishModel, swedishModel } from './fixtures/digest-models.js';
import { attr, readHtml } from './fixtures/html-reading.js';

const WCAG_AA_TEXT = 4.5;

t.test('every text colour of the palette is readable on the backgrounds it is used on (WCAG AA, 4.5:1)', async (t) => {
  for (const pair of textPairs) {
    const ratio = contrastRatio(pair.text, pair.on);
    t.ok(ratio >= WCAG_AA_TEXT, `${pair.use}: ${pair.text} on ${pair.on} is ${ratio.toFixed(2)}:1`);
  }
  // The arithmetic itself, against WCAG's known values.
  t.equal(contrastRatio('#000000', '#ffffff'), 21);
  t.equal(contrastRatio('#777777', '#777777'), 1);
  t.equal(Math.round(contrastRatio('#767676', '#ffffff') * 100) / 100, 4.54, 'the lightest grey that passes on white');
});

for (const model of [swedishModel(), englishModel()]) {
  t.test(`${model.locale}: the document says its language`, async (t) => {
    const read = readHtml((await composeDigest(model)).html);
    t.equal(attr(read.all('html')[0]!, 'lang'), model.locale);
    t.ok(
      read.all('div').some((d) => attr(d, 'role') === 'article' && attr(d, 'lang') === model.locale),
      'the message body is an article in that language',
    );
  });

  t.test(`${model.locale}: one h1, then h2 sections, then h3 meetings: no level skipped`, async (t) => {
    const read = readHtml((await composeDigest(model)).html);
    const headings = read.elements.filter((el) => /^h[1-6]$/.test(el.tagName)).map((el) => ({ level: Number(el.tagName[1]), text: read.textOf(el) }));
    t.equal(headings[0]?.level, 1, 'the first heading is the h1');
    t.equal(headings.filter((h) => h.level === 1).length, 1, 'exactly one h1');
    for (let i = 1; i < headings.length; i++) {
      t.ok(headings[i]!.level <= headings[i - 1]!.level + 1, `${headings[i]!.text}: h${headings[i]!.level} after h${headings[i - 1]!.level}`);
    }
    const sections =
      model.locale === 'sv'
        ? ['Veckan i siffror', 'Mötena dag för dag', 'Möten att ompröva', 'Din ledartid', 'Veckans steg']
        : ['Week 49 in numbers', 'Meetings day by day', 'Meetings to challenge', 'Your time to lead', "This week's step"];
    t.same(headings.filter((h) => h.level === 2).map((h) => h.text), sections, 'the sections, in reading order');
    t.same(
      headings.filter((h) => h.level === 3).map((h) => h.text).sort(),
      model.challenges.map((c) => c.title).sort(),
      'each meeting to challenge is an h3 under its section',
    );
    for (const h of headings) t.not(h.text, '', `h${h.level} has text`);
  });

  t.test(`${model.locale}: every image has an alt text; the picture's states the numbers`, async (t) => {
    const read = readHtml((await composeDigest(model)).html);
    const images = read.all('img');
    t.equal(images.length, 1, 'one image: the week');
    for (const img of images) t.match(attr(img, 'alt') ?? '', /\S/, `${attr(img, 'src')} has an alt text`);
    // Read as a screen reader reads it: a no-break space is a space.
    const alt = attr(images[0]!, 'alt')!.replaceAll('\u00a0', ' ');
    const expected =
      model.locale === 'sv'
        ? 'Stapeldiagram över mötestimmar per dag, vecka 50: måndag 5,5 h, tisdag 3 h, onsdag 6,5 h, torsdag 4,5 h, fredag 3 h.'
        : 'Bar chart of meeting hours per day, week 50: Monday 4 h, Tuesday 2.5 h, Wednesday 5 h, Thursday 3.5 h, Friday 1 h.';
    t.equal(alt, expected);
  });

  t.test(`${model.locale}: every piece of visible text has at least 4.5:1 contrast where it is drawn`, async (t) => {
    const read = readHtml((await composeDigest(model)).html);
    t.ok(read.coloredText.length > 30, `the walk found the text (${read.coloredText.length} pieces)`);
    const used = new Set<string>();
    for (const piece of read.coloredText) {
      const ratio = contrastRatio(piece.color, piece.background);
      used.add(`${piece.color} on ${piece.background}`);
      if (ratio < WCAG_AA_TEXT) t.fail(`"${piece.text}" is ${piece.color} on ${piece.background}: ${ratio.toFixed(2)}:1`);
    }
    const declared = new Set(textPairs.map((p) => `${p.text} on ${p.on}`));
    for (const pair of used) t.ok(declared.has(pair), `${pair} is one of the palette's declared pairs`);
    t.ok(used.has(`${palette.onAccent} on ${palette.accent}`), 'the buttons were found and checked');
  });

  t.test(`${model.locale}: no script, layout tables are presentational, links make sense out of context`, async (t) => {
    const read = readHtml((await composeDigest(model)).html);
    t.equal(read.all('script').length, 0, 'no <script>');
    const tables = read.all('table');
    t.ok(tables.length > 10, 'table-based layout');
    for (const table of tables) t.equal(attr(table, 'role'), 'presentation', 'a layout table is role="presentation"');
    const links = read.all('a').map((a) => ({ text: read.textOf(a), href: attr(a, 'href') ?? '' }));
    t.ok(links.length >= 3 + model.ledartid.proposals.length, 'the links were found');
    const byText = new Map<string, string>();
    for (const link of links) {
      t.ok(link.text.split(' ').length >= 2, `"${link.text}" says where it leads`);
      t.notMatch(link.text, /^(här|klicka|läs mer|click|here|read more|link|länk)\b/i, `"${link.text}" is not a generic link text`);
      const other = byText.get(link.text);
      t.ok(other === undefined || other === link.href, `"${link.text}" leads to one place`);
      byText.set(link.text, link.href);
    }
  });
}

t.test('CSS is inlined: only media queries stay in <style>, every heading and paragraph carries its own style', async (t) => {
  const digest = await composeDigest(swedishModel());
  const read = readHtml(digest.html);
  const sheets = read.all('style').map((style) => style.childNodes.map((n) => ('value' in n ? n.value : '')).join(''));
  t.ok(sheets.length > 0, 'the responsive rules are there');
  for (const sheet of sheets) {
    // Remove each @media block (one level of nested braces), then nothing may be left.
    const outside = sheet.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '').trim();
    t.equal(outside, '', 'no rule outside a media query');
  }
  for (const tag of ['h1', 'h2', 'h3', 'p']) {
    for (const el of read.all(tag)) t.match(attr(el, 'style') ?? '', /margin/, `<${tag}> "${read.textOf(el).slice(0, 30)}" has its style inline`);
  }
});
