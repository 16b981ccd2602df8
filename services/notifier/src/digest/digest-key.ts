// The natural key of a digest (one per leader and week) and the Message-ID derived from it.
import { createHash } from 'node:crypto';

export function digestKey(userId: string, week: string): string {
  return `digest:${userId}:${week}`;
}

/**
 * The same key always gives the same Message-ID, so a digest sent again after a crash is the same message to every
 * mail system that de-duplicates by Message-ID (Gmail does), and recognisable to anyone reading logs.
 */
export function digestMessageId(key: string, mailFrom: string): string {
  const domain = mailFrom.slice(mailFrom.lastIndexOf('@') + 1) || 'ledarsteg.se';
  return `<digest.${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}
