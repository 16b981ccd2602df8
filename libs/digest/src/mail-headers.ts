// The digest's own mail headers: one-click unsubscribe (RFC 2369, RFC 8058), built only from checked links.
import { headerValue } from './text-safety.js';

export type DigestHeaders = {
  'List-Unsubscribe': string;
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click';
};

/** `mailto:` address for List-Unsubscribe, or a full `mailto:` URL; anything else is refused. */
function mailtoUrl(mailto: string): string {
  const value = headerValue(mailto);
  const url = value.startsWith('mailto:') ? value : `mailto:${value}`;
  if (!/^mailto:[^\s<>@,]+@[^\s<>@,]+(\?[^\s<>,]*)?$/.test(url)) throw new RangeError(`not a mailto address: ${value}`);
  return url;
}

export function digestHeaders(unsubscribeUrl: string, unsubscribeMailto: string | undefined): DigestHeaders {
  const targets = [`<${headerValue(unsubscribeUrl)}>`];
  if (unsubscribeMailto !== undefined) targets.push(`<${mailtoUrl(unsubscribeMailto)}>`);
  return {
    // RFC 8058: the HTTPS URI is the one-click target; a mail client POSTs "List-Unsubscribe=One-Click" to it.
    'List-Unsubscribe': targets.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
