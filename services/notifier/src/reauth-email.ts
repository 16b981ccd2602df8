// The "your calendar connection stopped" email: Swedish first, one English line, plain text and simple HTML.
import type { Provider } from '@ledarsteg/contracts';
import type { Static } from '@sinclair/typebox';

type ProviderName = Static<typeof Provider>;

const PROVIDER_LABEL: Record<ProviderName, string> = { google: 'Google Kalender', microsoft: 'Microsoft Outlook' };

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function reconnectLink(publicUrl: string, provider: ProviderName): string {
  return `${publicUrl.replace(/\/+$/, '')}/connect/${provider}`;
}

export function composeReauthEmail(opts: { displayName?: string | undefined; provider: ProviderName; link: string }): ComposedEmail {
  const label = PROVIDER_LABEL[opts.provider];
  // Display names come from the provider: keep them on one line in text and escaped in HTML.
  const name = opts.displayName?.replace(/[\r\n]+/g, ' ').trim();
  const greeting = name ? `Hej ${name}!` : 'Hej!';
  const subject = 'Din kalenderkoppling har slutat fungera / Your calendar connection stopped';
  const text = [
    greeting,
    '',
    `LedarSteg kan inte längre läsa din kalender i ${label}, så vi kan inte skydda din ledartid just nu.`,
    `Koppla om kalendern här: ${opts.link}`,
    '',
    `In English: LedarSteg can no longer read your ${label} calendar. Reconnect it here: ${opts.link}`,
    '',
    '/LedarSteg',
  ].join('\n');
  const link = escapeHtml(opts.link);
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>LedarSteg kan inte längre läsa din kalender i ${label}, så vi kan inte skydda din ledartid just nu.</p>`,
    `<p><a href="${link}">Koppla om kalendern</a></p>`,
    `<p lang="en">In English: LedarSteg can no longer read your ${label} calendar. <a href="${link}">Reconnect it here</a>.</p>`,
    '<p>/LedarSteg</p>',
  ].join('\n');
  return { subject, text, html };
}
