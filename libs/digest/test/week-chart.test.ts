// The week's picture: a real PNG of sensible size, bars that match the hours, labels actually drawn, an honest alt text.
import { Resvg } from '@resvg/resvg-js';
import t from 'tap';
import { composeDigest, DEFAULT_CHART_FONT, DigestFontError } from '../src/index.js';
import { palette } from '../src/palette.js';
import { renderWeekChart, weekChartSvg } from '../src/week-chart.js';
import { englishModel, swedishModel } from './fixtures/digest-models.js';
import { attr, readHtml } from './fixtures/html-reading.js';
import { countColour, decodePng, isPng } from './fixtures/png-reading.js';

/** Height in pixels of the accent-coloured bar through column x. */
function barHeight(pixels: ReturnType<typeof decodePng>, x: number): number {
  let height = 0;
  for (let y = 0; y < pixels.height; y++) {
    const i = (y * pixels.width + x) * pixels.channels;
    const hex = `#${[0, 1, 2].map((c) => pixels.data[i + c]!.toString(16).padStart(2, '0')).join('')}`;
    if (hex === palette.accent) height++;
  }
  return height;
}

t.test('the picture is an inline PNG attachment that the HTML refers to by cid', async (t) => {
  for (const model of [swedishModel(), englishModel()]) {
    const digest = await composeDigest(model);
    t.equal(digest.attachments.length, 1);
    const [png] = digest.attachments;
    t.ok(isPng(png!.content), 'starts with the PNG signature');
    t.equal(png!.contentType, 'image/png');
    t.equal(png!.contentDisposition, 'inline');
    t.equal(png!.filename, model.locale === 'sv' ? 'vecka-50.png' : 'week-50.png');
    t.ok(png!.content.length > 4_000 && png!.content.length < 150_000, `a sensible size: ${png!.content.length} bytes`);
    const pixels = decodePng(png!.content);
    t.same([pixels.width, pixels.height], [880, 420], 'twice the laid-out size, sharp on high-density screens');
    const img = readHtml(digest.html).all('img')[0]!;
    t.equal(attr(img, 'src'), `cid:${png!.cid}`, 'the image is the attachment');
    t.equal(attr(img, 'width'), '440', 'laid out at 440 px');
  }
});

t.test('bars are as tall as the hours, working days drawn behind them', async (t) => {
  const model = swedishModel(); // 5.5, 3, 6.5, 4.5, 3 hours of an 8-hour day
  const pixels = decodePng(renderWeekChart(model.days, 'sv').png);
  const plotLeft = 4 * 2;
  const slot = ((440 - 8) * 2) / model.days.length;
  const heights = model.days.map((_, i) => barHeight(pixels, Math.round(plotLeft + slot * (i + 0.5))));
  const tallest = Math.max(...heights);
  model.days.forEach((day, i) => {
    const expected = day.meetingHours / 6.5;
    t.ok(Math.abs(heights[i]! / tallest - expected) < 0.04, `${day.date}: ${day.meetingHours} h is ${heights[i]} px, ${(expected * 100).toFixed(0)}% of the tallest`);
  });
  t.ok(countColour(pixels, palette.rule, 0, pixels.height, 2) > 5_000, 'the working days are drawn');
});

t.test('the labels are drawn, in the font given', async (t) => {
  const model = swedishModel();
  const pixels = decodePng(renderWeekChart(model.days, 'sv').png);
  const labelBand = [Math.round(pixels.height * 0.78), pixels.height] as const;
  const inked = countColour(pixels, palette.ink, ...labelBand);
  t.ok(inked > 400, `day labels below the bars: ${inked} ink pixels`);
  t.ok(countColour(pixels, palette.ink, 0, Math.round(pixels.height * 0.75)) > 400, 'hour labels above the bars');

  // The same SVG without any font: resvg leaves every label out, and the count above sees it.
  const bare = new Resvg(weekChartSvg(model.days, 'sv', DEFAULT_CHART_FONT.fontFamily), {
    font: { loadSystemFonts: false },
    fitTo: { mode: 'zoom', value: 2 },
    background: palette.card,
    logLevel: 'off',
  }).render();
  const bareCount = countColour(decodePng(bare.asPng()), palette.ink, ...labelBand);
  t.ok(bareCount < 20, `without a font the label band is empty (${bareCount} ink pixels): the count measures text`);

  const svg = weekChartSvg(model.days, 'sv', 'DejaVu Sans');
  for (const label of ['mån', 'ons', '5,5 h', '6,5 h']) t.match(svg, label, `the SVG writes ${label}`);
  t.notMatch(weekChartSvg(englishModel().days, 'en', 'DejaVu Sans'), '5,5', 'English uses a decimal point');
});

t.test('no usable font: a clear error instead of a picture without labels', async (t) => {
  const days = swedishModel().days;
  t.throws(() => renderWeekChart(days, 'sv', { fontFiles: ['/nonexistent/font.ttf'], fontFamily: 'X' }), DigestFontError);
  t.throws(
    () => renderWeekChart(days, 'sv', { fontFiles: [new URL(import.meta.url).pathname], fontFamily: 'X' }),
    { code: 'DIGEST_ERR_CHART_FONT' },
    'a readable file that is not a font is no font',
  );
  await t.rejects(composeDigest(swedishModel(), { chart: { fontFiles: [], fontFamily: 'X' } }), { code: 'DIGEST_ERR_CHART_FONT' });
});

t.test('without the picture the hours stand as text, and nothing is attached', async (t) => {
  const digest = await composeDigest(swedishModel(), { chart: false });
  t.same(digest.attachments, []);
  const read = readHtml(digest.html);
  t.equal(read.all('img').length, 0);
  t.ok(read.text.includes('måndag 5,5 h · tisdag 3 h · onsdag 6,5 h · torsdag 4,5 h · fredag 3 h'), 'the hours per day in words');
});

t.test('a preview carries the picture in the page as a data URL', async (t) => {
  const model = englishModel();
  const preview = await composeDigest(model, { pictureSource: 'data-url' });
  const mail = await composeDigest(model);
  t.same(preview.attachments, [], 'nothing to attach');
  const src = attr(readHtml(preview.html).all('img')[0]!, 'src')!;
  t.match(src, /^data:image\/png;base64,/);
  t.ok(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64').equals(mail.attachments[0]!.content), 'the same picture as the mail');
});
