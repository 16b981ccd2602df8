// JetStream streams and durable consumers, as code, so every service creates the same ones at start-up.
import type { Subject } from './subjects.js';

export interface StreamDefinition {
  name: string;
  subjects: string[];
  /** Maximum age of a message in milliseconds. */
  maxAgeMs: number;
  /** Window in which a repeated msgID is dropped, in milliseconds. */
  duplicateWindowMs: number;
}

const DAY = 24 * 60 * 60 * 1000;

export const Streams = {
  calendar: { name: 'CALENDAR', subjects: ['calendar.>'], maxAgeMs: 14 * DAY, duplicateWindowMs: 2 * 60 * 1000 },
  analysis: { name: 'ANALYSIS', subjects: ['analysis.>'], maxAgeMs: 30 * DAY, duplicateWindowMs: 2 * 60 * 1000 },
  ledartid: { name: 'LEDARTID', subjects: ['ledartid.>'], maxAgeMs: 30 * DAY, duplicateWindowMs: 10 * 60 * 1000 },
  leader: { name: 'LEADER', subjects: ['leader.>'], maxAgeMs: 30 * DAY, duplicateWindowMs: 10 * 60 * 1000 },
  notification: { name: 'NOTIFICATION', subjects: ['notification.>'], maxAgeMs: 30 * DAY, duplicateWindowMs: 10 * 60 * 1000 },
  deadLetter: { name: 'DEADLETTER', subjects: ['deadletter.>'], maxAgeMs: 30 * DAY, duplicateWindowMs: 60 * 1000 },
} as const satisfies Record<string, StreamDefinition>;

export interface ConsumerDefinition<S extends Subject = Subject> {
  stream: StreamDefinition;
  durable: string;
  subject: S;
  /** How long a message may be worked on before redelivery. */
  ackWaitMs: number;
  maxDeliver: number;
  /** Redelivery delays after a nak, in milliseconds; the last one repeats. */
  backoffMs: number[];
}

function consumer<S extends Subject>(stream: StreamDefinition, durable: string, subject: S, ackWaitMs = 30_000): ConsumerDefinition<S> {
  return { stream, durable, subject, ackWaitMs, maxDeliver: 8, backoffMs: [1_000, 5_000, 30_000, 120_000] };
}

/** Every durable consumer in the system, by the service that owns it. */
export const Consumers = {
  calendarSync: {
    syncRequested: consumer(Streams.calendar, 'calendar-sync-sync-requested', 'calendar.sync.requested.v1', 120_000),
    bookingRequested: consumer(Streams.ledartid, 'calendar-sync-booking-requested', 'ledartid.booking.requested.v1', 60_000),
    replayRequested: consumer(Streams.calendar, 'calendar-sync-replay-requested', 'calendar.events.replay-requested.v1', 120_000),
    lifecycleNotified: consumer(Streams.calendar, 'calendar-sync-lifecycle-notified', 'calendar.subscription.lifecycle-notified.v1', 60_000),
    disconnectRequested: consumer(Streams.calendar, 'calendar-sync-disconnect-requested', 'calendar.connection.disconnect-requested.v1', 60_000),
    accountDeleted: consumer(Streams.leader, 'calendar-sync-account-deleted', 'leader.account.deleted.v1', 60_000),
  },
  analyser: {
    connectionLinked: consumer(Streams.calendar, 'analyser-connection-linked', 'calendar.connection.linked.v1'),
    eventsChanged: consumer(Streams.calendar, 'analyser-events-changed', 'calendar.events.changed.v1', 60_000),
    bookingCompleted: consumer(Streams.ledartid, 'analyser-booking-completed', 'ledartid.booking.completed.v1'),
    bookingFailed: consumer(Streams.ledartid, 'analyser-booking-failed', 'ledartid.booking.failed.v1'),
    /** The analyser's own settings changes: the weeks they affect are analysed again. */
    settingsChanged: consumer(Streams.analysis, 'analyser-settings-changed', 'analysis.settings.changed.v1', 60_000),
    connectionDisconnected: consumer(Streams.calendar, 'analyser-connection-disconnected', 'calendar.connection.disconnected.v1'),
    proposalDecided: consumer(Streams.ledartid, 'analyser-proposal-decided', 'ledartid.proposal.decided.v1'),
    digestPreferencesRequested: consumer(Streams.notification, 'analyser-digest-preferences', 'notification.digest.preferences-requested.v1'),
  },
  notifier: {
    needsReauth: consumer(Streams.calendar, 'notifier-needs-reauth', 'calendar.connection.needs-reauth.v1'),
    connectionLinked: consumer(Streams.calendar, 'notifier-connection-linked', 'calendar.connection.linked.v1'),
    connectionDisconnected: consumer(Streams.calendar, 'notifier-connection-disconnected', 'calendar.connection.disconnected.v1'),
    accountDeleted: consumer(Streams.leader, 'notifier-account-deleted', 'leader.account.deleted.v1'),
    settingsChanged: consumer(Streams.analysis, 'notifier-settings-changed', 'analysis.settings.changed.v1'),
    weekCompleted: consumer(Streams.analysis, 'notifier-week-completed', 'analysis.week.completed.v1'),
    proposalUpdated: consumer(Streams.analysis, 'notifier-proposal-updated', 'analysis.proposal.updated.v1'),
    bookingCompleted: consumer(Streams.ledartid, 'notifier-booking-completed', 'ledartid.booking.completed.v1'),
  },
  coach: {
    weekCompleted: consumer(Streams.analysis, 'coach-week-completed', 'analysis.week.completed.v1'),
    settingsChanged: consumer(Streams.analysis, 'coach-settings-changed', 'analysis.settings.changed.v1'),
    connectionDisconnected: consumer(Streams.calendar, 'coach-connection-disconnected', 'calendar.connection.disconnected.v1'),
    accountDeleted: consumer(Streams.leader, 'coach-account-deleted', 'leader.account.deleted.v1'),
  },
} as const satisfies Record<string, Record<string, ConsumerDefinition>>;

/** Where a poison message from `durable` is copied. */
export function deadLetterSubject(durable: string): string {
  return `deadletter.${durable}`;
}
