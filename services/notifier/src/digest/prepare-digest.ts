// Gathers one leader's digest for one week from the projections and turns it into the composer's model.
import { isoWeekBounds } from '@ledarsteg/contracts';
import type { DigestModel } from '@ledarsteg/digest';
import { createHash } from 'node:crypto';
import type { NotifierService } from '../service-context.js';
import { digestKey } from './digest-key.js';
import { buildDigestModel } from './digest-model-mapping.js';
import { shiftWeek } from './schedule.js';
import type { ChosenStep } from './small-step.js';
import type { DigestSubscription } from './subscription-model.js';

/** A token id that is the same each time this digest is composed, so a re-sent digest carries the same links. */
function tokenId(key: string, purpose: string, extra = ''): string {
  return createHash('sha256').update(`${key}\n${purpose}\n${extra}`).digest('base64url').slice(0, 32);
}

export type PreparedDigest = { model: DigestModel; step: ChosenStep };

/** The digest for `week`, or undefined when the week was never analysed (no synced calendar: no digest). */
export async function prepareDigest(svc: NotifierService, sub: DigestSubscription, week: string, now: Date): Promise<PreparedDigest | undefined> {
  const { userId, timeZone } = sub;
  const ahead = await svc.weeks.of(userId, week);
  if (!ahead) return undefined;
  const earlierWeeks = [4, 3, 2, 1].map((n) => shiftWeek(week, -n, timeZone));
  const previous = (await svc.weeks.many(userId, earlierWeeks)).map((w) => w.data).sort((a, b) => a.week.localeCompare(b.week));
  const lastDigest = await svc.deliveries.get(digestKey(userId, earlierWeeks[3]!));
  const previousStep = lastDigest?.state === 'done' ? (lastDigest.result?.['step'] as ChosenStep | undefined) : undefined;
  const proposal = sub.autoBook ? undefined : (await svc.proposals.of(userId, week))?.proposal;
  const bounds = isoWeekBounds(week, timeZone);
  const booked = await svc.blocks.between(userId, bounds.start.toJSDate(), bounds.end.toJSDate());

  // Links expire a fixed time after the week begins, not after "now": the same digest always has the same links.
  const issuedAt = bounds.start.toJSDate();
  const key = digestKey(userId, week);
  const base = svc.linkBaseUrl.replace(/\/+$/, '');
  const link = (path: string, token: string) => `${base}/l/${path}?t=${encodeURIComponent(token)}`;
  const goal = sub.ledartidGoal;
  return buildDigestModel({
    locale: sub.locale,
    displayName: sub.displayName,
    timeZone,
    workingHours: sub.workingHours,
    goalMinutes: goal.blocks * goal.blockMinutes,
    autoBook: sub.autoBook,
    week,
    ahead: ahead.data,
    previous,
    previousStep,
    proposal,
    booked,
    now,
    links: {
      unsubscribe: link('unsubscribe', svc.links.sign({ p: 'unsubscribe', u: userId, j: tokenId(key, 'unsubscribe') }, issuedAt)),
      changeSchedule: link('schedule', svc.links.sign({ p: 'schedule', u: userId, j: tokenId(key, 'schedule') }, issuedAt)),
      console: `${svc.publicUrl.replace(/\/+$/, '')}/weeks/${week}`,
      book: (slot) => link('book', svc.links.sign({ p: 'book', u: userId, w: week, s: slot.start, t: slot.end, j: tokenId(key, 'book', slot.start) }, issuedAt)),
    },
  });
}
