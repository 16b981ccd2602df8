// Meeting titles and names are untrusted: markup shows as text, and nothing they hold can reach a mail header.
import t from 'tap';
import { composeDigest, type DigestModel, DigestModelError } from '../src/index.js';
import { englishModel, swedishModel } from './fixtures/digest-models.js';
import { attr, readHtml } from './fixtures/html-reading.js';

const MARKUP_TITLE = '<img src=x onerror=alert(1)>';
const HEADER_TITLE = 'Budget\r\nBcc: x@y';

function hostile(base: DigestModel): DigestModel {
  const [first, second, ...rest] = base.challenges;
  return {
    ...base,
    firstName: '<b>Eve</b>\r\nX-Injected: 1',
    challenges: [
      { ...first!, title: MARKUP_TITLE, reason: 'Says <script>alert(2)</script> & more' },
      { ...second!, title: HEADER_TITLE },
      { ...second!, title: `"Quoted" 'single' & <i>italic</i>\u0000\u0007\u2028end`, minutesBack: 5 },
      ...rest,
    ],
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

for (const base of [swedishModel(), englishModel()]) {
  t.test(`${base.locale}: a title with markup shows as text, never as markup`, async (t) => {
    const digest = await composeDigest(hostile(base));
    const read = readHtml(digest.html);
    t.ok(read.text.includes(MARKUP_TITLE), 'the title reads exactly as written');
    t.ok(read.text.includes('Says <script>alert(2)</script> & more'), 'markup in a reason reads as written');
    t.ok(read.text.includes('"Quoted" \'single\' & <i>italic</i> end'), 'quotes, ampersands and tags read as written; control characters gone');
    t.equal(read.all('script').length, 0, 'no script element');
    t.equal(read.all('i').length, 0, 'no element made from a title');
    t.notOk(
      read.all('img').some((img) => attr(img, 'src') === 'x'),
      'no image made from a title',
    );
    t.notOk(
      read.elements.some((el) => el.attrs.some((a) => a.name.startsWith('on'))),
      'no event handler attribute anywhere',
    );
    t.notOk(read.all('b').some((b) => read.textOf(b) === 'Eve'), 'the name is not markup either');
    t.ok(read.text.includes('<b>Eve</b> X-Injected: 1'), 'the name reads as written, on one line');
    t.match(digest.text, /^\d\. <img src=x onerror=alert\(1\)>$/m, 'the text part shows the title as written, as its own numbered line');
  });

  t.test(`${base.locale}: a title with CR/LF cannot change the headers`, async (t) => {
    const digest = await composeDigest(hostile(base), { unsubscribeMailto: 'unsubscribe@ledarsteg.example.se' });
    const values = [digest.subject, ...Object.keys(digest.headers), ...Object.values(digest.headers)];
    for (const value of values) t.notMatch(value, CONTROL, `${JSON.stringify(value)} holds no control character`);
    t.same(Object.keys(digest.headers).sort(), ['List-Unsubscribe', 'List-Unsubscribe-Post'], 'no other header');
    for (const title of ['Budget', 'Bcc', 'img', 'Eve', 'X-Injected']) t.notMatch(digest.subject, title, `the subject holds no ${title}`);
    t.notMatch(digest.text, /^Bcc:/m, 'no line of the text part starts with the injected header');
    t.ok(readHtml(digest.html).text.includes('Budget Bcc: x@y'), 'the title shows on one line');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
    t.notMatch(digest.text, /[\r\u0000\u0007\u2028]/, 'the text part holds no CR or other control character');
    t.notOk(digest.attachments.some((a) => CONTROL.test(a.filename) || CONTROL.test(a.cid)), 'attachment names are clean');
  });
}

t.test('List-Unsubscribe: the one-click URL, a mailto only when configured, and the RFC 8058 post header', async (t) => {
  const model = swedishModel();
  const plain = await composeDigest(model);
  t.same(plain.headers, {
    'List-Unsubscribe': `<${model.links.unsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
  const withMail = await composeDigest(model, { unsubscribeMailto: 'unsubscribe@ledarsteg.example.se' });
  t.equal(withMail.headers['List-Unsubscribe'], `<${model.links.unsubscribe}>, <mailto:unsubscribe@ledarsteg.example.se>`);
  await t.rejects(composeDigest(model, { unsubscribeMailto: 'unsubscribe@x.se\r\nBcc: x@y' }), RangeError, 'a mailto with a line break is refused');
});

t.test('links that are not plain http(s), or that could break a header, are refused', async (t) => {
  const bad = [
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://ledarsteg.example.se/u?t=1\r\nBcc: x@y',
    'https://ledarsteg.example.se/u?t="x"',
    'https://ledarsteg.example.se/a b',
    '/relative/path',
  ];
  for (const url of bad) {
    const unsubscribe = { ...swedishModel(), links: { ...swedishModel().links, unsubscribe: url } };
    await t.rejects(composeDigest(unsubscribe), DigestModelError, `unsubscribe ${JSON.stringify(url)}`);
    const m = swedishModel();
    const book = { ...m, ledartid: { ...m.ledartid, proposals: [{ ...m.ledartid.proposals[0]!, bookUrl: url }] } };
    await t.rejects(composeDigest(book), { code: 'DIGEST_ERR_INVALID_MODEL', path: '/ledartid/proposals/0/bookUrl' }, `book ${JSON.stringify(url)}`);
  }
});

t.test('a link with a query string survives HTML escaping unchanged', async (t) => {
  const model = swedishModel();
  const url = 'https://ledarsteg.example.se/l/book?p=p1&t=a%2Bb&x=<1>';
  const refused = { ...model, ledartid: { booked: [], proposals: [{ ...model.ledartid.proposals[0]!, bookUrl: url }] } };
  await t.rejects(composeDigest(refused), DigestModelError, 'angle brackets are refused outright');
  const fine = 'https://ledarsteg.example.se/l/book?p=p1&t=a%2Bb&lang=sv';
  const digest = await composeDigest({ ...model, ledartid: { booked: [], proposals: [{ ...model.ledartid.proposals[0]!, bookUrl: fine }] } });
  const hrefs = readHtml(digest.html)
    .all('a')
    .map((a) => attr(a, 'href'));
  t.ok(hrefs.includes(fine), 'the href parses back to the exact URL');
  t.match(digest.html, 'p=p1&amp;t=a%2Bb&amp;lang=sv', 'and is written with escaped ampersands');
});
