// Composes the weekly digest: model → words → MJML → inlined HTML, plain text, the week's picture and the mail headers.
import juice from 'juice';
import mjml2html from 'mjml';
import { checkDigestModel } from './check-model.js';
import { digestMjml, type PictureRef } from './digest-layout.js';
import type { DigestModel } from './digest-model.js';
import { digestText } from './digest-text.js';
import { buildView } from './digest-view.js';
import { type DigestHeaders, digestHeaders } from './mail-headers.js';
import { headerValue } from './text-safety.js';
import { CHART_WIDTH, type ChartFont, DEFAULT_CHART_FONT, renderWeekChart } from './week-chart.js';

export type ComposeDigestOptions = {
  /** The week's picture: the font for its labels (default Debian's DejaVu Sans), or false for none (the hours then stand as text). */
  chart?: ChartFont | false;
  /** Where the HTML finds the picture: `cid` for a mail (default), `data-url` for a page such as a preview. */
  pictureSource?: 'cid' | 'data-url';
  /** A `mailto:` unsubscribe address, when the sending domain handles one; listed after the one-click URL. */
  unsubscribeMailto?: string;
};

/** An inline part in the shape nodemailer takes as an attachment. */
export type DigestAttachment = {
  filename: string;
  content: Buffer;
  contentType: 'image/png';
  cid: string;
  contentDisposition: 'inline';
};

export type ComposedDigest = {
  /** Never contains untrusted text: no titles, no names. */
  subject: string;
  html: string;
  text: string;
  /** The picture, when it is referenced by `cid:`. */
  attachments: DigestAttachment[];
  /** List-Unsubscribe and List-Unsubscribe-Post; the caller adds From, To, Message-ID. */
  headers: DigestHeaders;
};

function inlineCss(html: string): string {
  return juice(html, {
    preserveMediaQueries: true,
    preserveFontFaces: true,
    preserveImportant: true,
    // MJML already sized every table and image; juice must not turn CSS widths into attributes a second time.
    applyWidthAttributes: false,
    applyHeightAttributes: false,
  });
}

/**
 * Drops the line breaks and indentation between tags: a third of MJML's output, and Gmail cuts a message off past
 * 102 kB. Whitespace on a line of text is left alone, so no space between words or inline elements is lost.
 */
function withoutIndentation(html: string): string {
  return html.replace(/>[ \t]*(?:\r?\n[ \t]*)+</g, '><');
}

/**
 * The digest for one leader and week. Pure: the same model and options always give the same mail (no clock, no
 * randomness); the only thing read from outside is the chart's font file.
 */
export async function composeDigest(input: DigestModel, options: ComposeDigestOptions = {}): Promise<ComposedDigest> {
  const model = checkDigestModel(input);
  const view = buildView(model);
  const font = options.chart === undefined ? DEFAULT_CHART_FONT : options.chart;

  const attachments: DigestAttachment[] = [];
  let picture: PictureRef | undefined;
  if (font !== false) {
    const chart = renderWeekChart(model.days, model.locale, font);
    const size = { width: CHART_WIDTH };
    if (options.pictureSource === 'data-url') {
      picture = { src: `data:image/png;base64,${chart.png.toString('base64')}`, ...size };
    } else {
      const cid = `week-${model.week.isoWeek.toLowerCase()}@digest.ledarsteg`;
      picture = { src: `cid:${cid}`, ...size };
      attachments.push({
        filename: `${model.locale === 'sv' ? 'vecka' : 'week'}-${model.week.isoWeek.slice(6)}.png`,
        content: chart.png,
        contentType: 'image/png',
        cid,
        contentDisposition: 'inline',
      });
    }
  }

  const rendered = await mjml2html(digestMjml(view, picture), { validationLevel: 'strict', keepComments: false });
  return {
    // Plain spaces in the header: the no-break spaces between numbers and units matter only in the body.
    subject: headerValue(view.subject.replaceAll('\u00a0', ' ')),
    html: withoutIndentation(inlineCss(rendered.html)),
    text: digestText(view),
    attachments,
    headers: digestHeaders(model.links.unsubscribe, options.unsubscribeMailto),
  };
}
