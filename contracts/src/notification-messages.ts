// What the notifier tells the rest of the system about the email it sent or could not send.
import { type Static, Type } from '@sinclair/typebox';
import { Id, Instant, IsoWeek } from './primitives.js';
import { DigestSchedule } from './leader-messages.js';

export const EmailKind = Type.Union([Type.Literal('digest'), Type.Literal('needs-reauth')]);

/** An email reached the leader's mail server. `key` is the natural key of the send (one email per key). */
export const EmailSent = Type.Object(
  { userId: Id, kind: EmailKind, key: Id, messageId: Type.String({ maxLength: 500 }), sentAt: Instant },
  { additionalProperties: false },
);
export type EmailSent = Static<typeof EmailSent>;

/** An email could not be delivered; `permanent` when the mail server refused it for good (5xx). */
export const EmailFailed = Type.Object(
  {
    userId: Id,
    kind: EmailKind,
    key: Id,
    /** The SMTP reply code or the error's code; never the server's text, which may quote the address. */
    code: Type.String({ minLength: 1, maxLength: 100 }),
    permanent: Type.Boolean(),
    failedAt: Instant,
  },
  { additionalProperties: false },
);
export type EmailFailed = Static<typeof EmailFailed>;

/** The weekly digest for `week` was sent, exactly once per leader and week. */
export const DigestSent = Type.Object(
  { userId: Id, week: IsoWeek, digestId: Id, messageId: Type.String({ maxLength: 500 }), sentAt: Instant },
  { additionalProperties: false },
);
export type DigestSent = Static<typeof DigestSent>;

/**
 * A command to the owner of the leader's settings (the analyser): the leader asked, through a signed link in the
 * digest, to stop the digest or to move it. Applied once per `requestId`; the owner then publishes the settings again.
 */
export const DigestPreferencesRequested = Type.Object(
  {
    userId: Id,
    requestId: Id,
    weeklyDigest: Type.Optional(Type.Boolean()),
    digestAt: Type.Optional(DigestSchedule),
    requestedAt: Instant,
  },
  { additionalProperties: false, minProperties: 4 },
);
export type DigestPreferencesRequested = Static<typeof DigestPreferencesRequested>;
