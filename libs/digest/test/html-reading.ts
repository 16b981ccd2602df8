// Reads composed HTML the way a mail client and a screen reader would: parsed by parse5, hidden parts left out.
import { type DefaultTreeAdapterTypes, parse } from 'parse5';

type Node = DefaultTreeAdapterTypes.Node;
export type Element = DefaultTreeAdapterTypes.Element;

export const isElement = (node: Node): node is Element => 'tagName' in node;

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** The element's inline style as a map of lower-case properties. */
export function styleOf(el: Element): Map<string, string> {
  const style = new Map<string, string>();
  for (const decl of (attr(el, 'style') ?? '').split(';')) {
    const colon = decl.indexOf(':');
    if (colon > 0) style.set(decl.slice(0, colon).trim().toLowerCase(), decl.slice(colon + 1).trim());
  }
  return style;
}

/** Not drawn: hidden by style (the preheader), or not content at all. */
const NOT_DRAWN = new Set(['head', 'style', 'title', 'script', 'template']);
const isHidden = (el: Element): boolean => NOT_DRAWN.has(el.tagName) || /^none\b/.test(styleOf(el).get('display') ?? '');

function childrenOf(node: Node): Node[] {
  if ('content' in node && node.content) return node.content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}

export type ReadHtml = {
  /** Every element in document order. */
  elements: Element[];
  /** Elements with this tag, in document order. */
  all(tag: string): Element[];
  /** The visible text of the body, whitespace collapsed. */
  text: string;
  /** Visible text of one element, whitespace collapsed. */
  textOf(el: Element): string;
  /** Every visible piece of text with the colour it is drawn in and the background behind it. */
  coloredText: Array<{ text: string; color: string; background: string }>;
};

const HEX = /#(?:[0-9a-f]{6}|[0-9a-f]{3})\b/i;

function ownBackground(el: Element): string | undefined {
  const style = styleOf(el);
  const fromStyle = style.get('background-color') ?? style.get('background');
  const match = fromStyle === undefined ? undefined : HEX.exec(fromStyle);
  if (match) return match[0].toLowerCase();
  const bgcolor = attr(el, 'bgcolor');
  return bgcolor !== undefined && HEX.test(bgcolor) ? bgcolor.toLowerCase() : undefined;
}

function ownColor(el: Element): string | undefined {
  const color = styleOf(el).get('color');
  const match = color === undefined ? undefined : HEX.exec(color);
  return match ? match[0].toLowerCase() : undefined;
}

export function readHtml(html: string): ReadHtml {
  const doc = parse(html);
  const elements: Element[] = [];
  const coloredText: ReadHtml['coloredText'] = [];

  const walk = (node: Node, color: string, background: string, visible: boolean): void => {
    if (isElement(node)) {
      elements.push(node);
      visible = visible && !isHidden(node);
      color = ownColor(node) ?? color;
      background = ownBackground(node) ?? background;
    } else if (node.nodeName === '#text' && visible) {
      const text = (node as DefaultTreeAdapterTypes.TextNode).value.replace(/\s+/g, ' ').trim();
      if (text !== '') coloredText.push({ text, color, background });
    }
    for (const child of childrenOf(node)) walk(child, color, background, visible);
  };
  // What a client shows when nothing says otherwise: black text on white.
  walk(doc, '#000000', '#ffffff', true);

  const textOf = (el: Element): string => {
    const parts: string[] = [];
    const collect = (node: Node, visible: boolean): void => {
      if (isElement(node)) visible = visible && !isHidden(node);
      else if (node.nodeName === '#text' && visible) parts.push((node as DefaultTreeAdapterTypes.TextNode).value);
      for (const child of childrenOf(node)) collect(child, visible);
    };
    collect(el, true);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  };

  const body = elements.find((el) => el.tagName === 'body');
  return {
    elements,
    all: (tag) => elements.filter((el) => el.tagName === tag),
    text: body ? textOf(body) : '',
    textOf,
    coloredText,
  };
}
