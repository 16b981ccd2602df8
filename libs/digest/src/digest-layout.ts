// The digest's layout in MJML: sections, columns and buttons that MJML turns into table-based, Outlook-safe HTML.
import type { DigestView, Figure } from './digest-view.js';
import { palette } from './palette.js';
import { escapeHtml as e } from './text-safety.js';

/** The picture as the HTML refers to it: a `cid:` URL in the mail, a data URL in a preview. */
export type PictureRef = { src: string; width: number };

const BODY_WIDTH = 600;
const SIDE = 24;

/** Element styles MJML leaves in a <style> block; juice inlines them afterwards. */
const STYLES = `
  h1 { font-size: 26px; line-height: 1.25; font-weight: bold; margin: 0 0 12px; color: ${palette.ink}; }
  h2 { font-size: 20px; line-height: 1.3; font-weight: bold; margin: 0; color: ${palette.accent}; }
  h3 { font-size: 17px; line-height: 1.35; font-weight: bold; margin: 0 0 4px; color: ${palette.ink}; word-break: break-word; }
  p { margin: 0 0 10px; }
  ul { margin: 0 0 10px; padding: 0 0 0 20px; }
  li { margin: 0 0 4px; }
  a { color: ${palette.accent}; text-decoration: underline; }
  .lede { font-size: 18px; line-height: 1.5; margin: 0; }
  .muted { color: ${palette.muted}; font-size: 14px; line-height: 1.5; }
  .figure-value { font-size: 24px; line-height: 1.2; font-weight: bold; margin: 0 0 2px; color: ${palette.ink}; }
  .figure-label { font-size: 14px; line-height: 1.35; margin: 0; color: ${palette.muted}; }
  .figure-change { font-size: 14px; line-height: 1.35; margin: 4px 0 0; color: ${palette.ink}; font-weight: bold; }
  .suggestion { margin: 0; font-weight: bold; }
  .last { margin-bottom: 0; }
`;

const heading = (text: string, top = 28) =>
  `<mj-section padding="${top}px 0 8px"><mj-column><mj-text><h2>${e(text)}</h2></mj-text></mj-column></mj-section>`;

const textSection = (html: string, padding = '0 0 8px') =>
  `<mj-section padding="${padding}"><mj-column><mj-text>${html}</mj-text></mj-column></mj-section>`;

function figureColumn(f: Figure): string {
  const change = f.change === undefined ? '' : `<p class="figure-change">${e(f.change)}</p>`;
  // A rule above each number rather than a tinted box: numbers whose words wrap differently still line up.
  return `<mj-column padding="0 8px 12px" inner-border-top="3px solid ${palette.accent}" vertical-align="top">
    <mj-text padding="10px 0 0"><p class="figure-value">${e(f.value)}</p><p class="figure-label">${e(f.label)}</p>${change}</mj-text>
  </mj-column>`;
}

function figures(view: DigestView): string {
  const [a, b, c, d] = view.figures.items as [Figure, Figure, Figure, Figure];
  // Two groups of two: four across on a wide screen, two by two on a phone.
  return `${heading(view.figures.heading)}
  <mj-section padding="8px ${SIDE - 8}px 0">
    <mj-group width="50%">${figureColumn(a)}${figureColumn(b)}</mj-group>
    <mj-group width="50%">${figureColumn(c)}${figureColumn(d)}</mj-group>
  </mj-section>
  ${textSection(`<p class="muted last">${e(view.figures.note)}</p>`, '8px 0 0')}`;
}

function picture(view: DigestView, ref: PictureRef | undefined): string {
  const p = view.picture;
  const body =
    ref === undefined
      ? textSection(`<p>${p.days.map((d) => `${e(d.label)} ${e(d.hours)}`).join(' · ')}</p>`)
      : `<mj-section padding="4px 0 0"><mj-column><mj-image src="${e(ref.src)}" alt="${e(p.alt)}" width="${ref.width}px" align="left" padding="0 ${SIDE}px" /></mj-column></mj-section>`;
  return `${heading(p.heading)}${body}${textSection(`<p class="muted last">${e(p.caption)}</p>`, '8px 0 0')}`;
}

function challenges(view: DigestView): string {
  const c = view.challenges;
  const items = c.items.map((item) => {
    const meta = [item.when, ...item.details].map(e).join(' · ');
    return `<mj-section padding="6px ${SIDE}px">
      <mj-column border-left="4px solid ${palette.accent}" padding="2px 0 2px 16px">
        <mj-text padding="0"><h3>${e(item.title)}</h3><p class="muted">${meta}</p><p>${e(item.reason)}</p><p class="suggestion">${e(item.suggestion)}</p></mj-text>
      </mj-column>
    </mj-section>`;
  });
  const total = c.total === undefined ? '' : textSection(`<p class="last"><strong>${e(c.total)}</strong></p>`, '10px 0 0');
  return `${heading(c.heading)}${textSection(`<p class="last">${e(c.intro)}</p>`)}${items.join('')}${total}`;
}

function ledartid(view: DigestView): string {
  const l = view.ledartid;
  const parts: string[] = [heading(l.heading)];
  if (l.booked.length > 0) {
    const list = l.booked.map((b) => `<li>${e(b)}</li>`).join('');
    parts.push(textSection(`<p>${e(l.bookedIntro ?? '')}</p><ul>${list}</ul><p class="last">${e(l.bookedOutro ?? '')}</p>`));
  }
  if (l.proposals.length > 0) {
    parts.push(textSection(`<p class="last">${e(l.proposalsIntro ?? '')}</p>`, l.booked.length > 0 ? '12px 0 4px' : '0 0 4px'));
    for (const p of l.proposals) {
      parts.push(
        `<mj-section padding="4px 0"><mj-column><mj-button href="${e(p.url)}" align="left">${e(p.label)}</mj-button></mj-column></mj-section>`,
      );
    }
  }
  if (l.empty !== undefined) parts.push(textSection(`<p class="last">${e(l.empty)}</p>`));
  return parts.join('');
}

function step(view: DigestView): string {
  const s = view.step;
  const previous =
    s.previous === undefined ? '' : `<p class="last"><strong>${e(s.previousLabel ?? '')}:</strong> ${e(s.previous)}</p>`;
  return `${heading(s.heading)}
  <mj-section padding="0 ${SIDE - 4}px">
    <mj-column padding="4px" inner-background-color="${palette.panel}" inner-border-radius="6px">
      <mj-text padding="16px"><p class="lede" style="margin: 0 0 ${previous === '' ? 0 : 12}px;">${e(s.thisWeek)}</p>${previous}</mj-text>
    </mj-column>
  </mj-section>`;
}

/** The whole digest as MJML; every string from the view is escaped here. */
export function digestMjml(view: DigestView, ref: PictureRef | undefined): string {
  const f = view.footer;
  return `<mjml lang="${view.lang}" dir="ltr">
  <mj-head>
    <mj-title>${e(view.subject)}</mj-title>
    <mj-preview>${e(view.preheader)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text color="${palette.ink}" font-size="16px" line-height="1.5" padding="0 ${SIDE}px" />
      <mj-section padding="0" />
      <mj-button background-color="${palette.accent}" color="${palette.onAccent}" font-size="16px" font-weight="bold" border-radius="6px" inner-padding="12px 20px" padding="0 ${SIDE}px" />
    </mj-attributes>
    <mj-style>${STYLES}</mj-style>
  </mj-head>
  <mj-body background-color="${palette.page}" width="${BODY_WIDTH}px">
    <mj-section padding="20px 0 12px">
      <mj-column><mj-text color="${palette.muted}" font-size="14px"><p class="last"><strong>${e(view.brand)}</strong><br />${e(view.weekLine)}</p></mj-text></mj-column>
    </mj-section>
    <mj-wrapper background-color="${palette.card}" border-radius="8px" padding="28px 0 32px">
      ${textSection(`<h1>${e(view.greeting)}</h1><p class="lede">${e(view.lede)}</p>`, '0')}
      ${figures(view)}
      ${picture(view, ref)}
      ${challenges(view)}
      ${ledartid(view)}
      ${step(view)}
      <mj-section padding="28px 0 0"><mj-column><mj-button href="${e(view.console.url)}" align="left">${e(view.console.label)}</mj-button></mj-column></mj-section>
    </mj-wrapper>
    <mj-section padding="16px 0 28px">
      <mj-column>
        <mj-text color="${palette.muted}" font-size="14px">
          <p>${e(f.why)}</p>
          <p class="last"><a href="${e(f.changeSchedule.url)}">${e(f.changeSchedule.label)}</a><br /><a href="${e(f.unsubscribe.url)}">${e(f.unsubscribe.label)}</a></p>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
