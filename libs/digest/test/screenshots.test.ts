// The digest as a browser lays it out: Debian's Chromium renders both languages at desktop and phone width and saves screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import t from 'tap';
import { type ComposedDigest, composeDigest, type DigestModel } from '../src/index.js';
import { englishModel, swedishModel } from './fixtures/digest-models.js';
import { decodePng } from './fixtures/png-reading.js';

const CHROMIUM = '/usr/bin/chromium';
// Without the networking flags Chromium reaches out to the internet at every start.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const WIDTHS = { desktop: 1024, phone: 375 } as const;

/** The mail's HTML with its cid: picture swapped for the attachment itself, as a mail client shows it. */
function asShown(digest: ComposedDigest): string {
  let html = digest.html;
  for (const a of digest.attachments) html = html.replaceAll(`cid:${a.cid}`, `data:${a.contentType};base64,${a.content.toString('base64')}`);
  return html;
}

type Layout = {
  scrollWidth: number;
  clientWidth: number;
  images: Array<{ natural: number; shown: number; right: number }>;
  figureTops: number[];
  buttonsRight: number[];
};

// Runs in the page; written as a string because this package is compiled without the DOM's types.
const MEASURE = `(() => {
  const root = document.documentElement;
  const rect = (el) => el.getBoundingClientRect();
  return {
    scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth),
    clientWidth: root.clientWidth,
    images: [...document.images].map((img) => ({ natural: img.naturalWidth, shown: rect(img).width, right: rect(img).right })),
    figureTops: [...document.querySelectorAll('.figure-value')].map((el) => Math.round(rect(el).top)),
    buttonsRight: [...document.querySelectorAll('a')].map((a) => rect(a).right),
  };
})()`;

t.test('Chromium renders the digest at desktop and phone width, both languages', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
    return;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.teardown(() => browser.close());

  for (const model of [swedishModel(), englishModel()]) {
    const html = asShown(await composeDigest(model));
    for (const [device, width] of Object.entries(WIDTHS)) {
      await t.test(`${model.locale} on a ${device} (${width} px)`, async (t) => {
        const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
        t.teardown(() => page.close());
        await page.setContent(html, { waitUntil: 'load' });
        const layout = (await page.evaluate(MEASURE)) as Layout;

        t.ok(layout.scrollWidth <= layout.clientWidth, `no horizontal overflow: content ${layout.scrollWidth} px in ${layout.clientWidth} px`);
        t.equal(layout.images.length, 1, 'the picture is on the page');
        t.equal(layout.images[0]!.natural, 880, 'the picture loaded');
        t.ok(layout.images[0]!.right <= width, 'the picture fits the screen');
        t.ok(layout.buttonsRight.every((right) => right <= width), 'every link and button fits the screen');
        const rows = new Set(layout.figureTops).size;
        t.equal(layout.figureTops.length, 4, 'four numbers');
        t.equal(rows, device === 'phone' ? 2 : 1, device === 'phone' ? 'the numbers two by two' : 'the numbers in one row');

        const path = `${SCREENSHOTS}digest-${model.locale}-${device}.png`;
        const shot = await page.screenshot({ path, fullPage: true });
        const pixels = decodePng(shot);
        t.equal(pixels.width, width, `saved ${path}`);
        t.ok(pixels.height > 1500, `the whole mail, ${pixels.height} px tall`);
      });
    }
  }
});

t.test('long unbroken words in titles, reasons and names do not widen the mail on a phone', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
    return;
  }
  const base = swedishModel();
  const long = 'Ledningsgruppsmöte_'.repeat(8);
  const model: DigestModel = {
    ...base,
    firstName: 'Annaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    challenges: base.challenges.map((c, i) => (i === 0 ? { ...c, title: long, reason: `Se ${long}` } : c)),
    step: { ...base.step, thisWeek: `Läs ${long}` },
  };
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: WIDTHS.phone, height: 900 } });
  await page.setContent(asShown(await composeDigest(model)), { waitUntil: 'load' });
  const layout = (await page.evaluate(MEASURE)) as Layout;
  t.ok(layout.scrollWidth <= layout.clientWidth, `no horizontal overflow: content ${layout.scrollWidth} px in ${layout.clientWidth} px`);
  await page.screenshot({ path: `${SCREENSHOTS}digest-sv-phone-long-words.png`, fullPage: true });
});
