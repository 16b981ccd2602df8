// The digest's colours, and the WCAG contrast arithmetic that keeps every text colour readable on its background.

export const palette = {
  /** Body text and headings. */
  ink: '#1c2733',
  /** Secondary text: dates, captions, the footer. */
  muted: '#4a5563',
  /** Headings' accent, links and buttons: a deep green, calm rather than alarming. */
  accent: '#0d6148',
  /** Text on the accent colour (buttons). */
  onAccent: '#ffffff',
  /** The page around the message. */
  page: '#f2efe9',
  /** The message itself. */
  card: '#ffffff',
  /** Tinted panels: the numbers, the step. */
  panel: '#eaf2ee',
  /** Hairlines and the chart's working-day bars (not text). */
  rule: '#d5ded9',
} as const;

export type PaletteColour = (typeof palette)[keyof typeof palette];

/** Every text colour the layout uses, with each background it is drawn on. */
export const textPairs: ReadonlyArray<{ text: PaletteColour; on: PaletteColour; use: string }> = [
  { text: palette.ink, on: palette.card, use: 'body text' },
  { text: palette.ink, on: palette.panel, use: 'numbers and the step' },
  { text: palette.muted, on: palette.card, use: 'dates and captions' },
  { text: palette.muted, on: palette.panel, use: 'labels in the number panels' },
  { text: palette.muted, on: palette.page, use: 'footer' },
  { text: palette.accent, on: palette.card, use: 'headings and links' },
  { text: palette.accent, on: palette.panel, use: 'links in panels' },
  { text: palette.accent, on: palette.page, use: 'footer links' },
  { text: palette.onAccent, on: palette.accent, use: 'buttons' },
];

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of a #rrggbb or #rgb colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new RangeError(`not a hex colour: ${hex}`);
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => channel(Number.parseInt(digits.slice(i, i + 2), 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
