// Untrusted text made safe for each place it goes: HTML content, HTML attributes, the text part, mail headers.

/**
 * C0 and C1 control characters (CR and LF among them), DEL, and the Unicode line and paragraph separators: none has
 * a place in a meeting title, and any of them could break a line where a line must not break.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line of text: control characters become a space, runs of spaces one space, no spaces at the ends. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value: markup shows as text. */
export function escapeHtml(text: string): string {
  return oneLine(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A header value that cannot start another header: no control characters at all, folding left to the mailer. */
export function headerValue(text: string): string {
  return oneLine(text);
}
