// Subject names (<domain>.<entity>.<past-tense-verb>.v<N>) and the payload schema each one carries.
import type { TSchema } from '@sinclair/typebox';
import {
  BookingCompleted,
  BookingFailed,
  BookingRequested,
  ConnectionLinked,
  ConnectionNeedsReauth,
  EventsChanged,
  EventsReplayRequested,
  EventsSynced,
  SettingsChanged,
  SubscriptionLifecycleNotified,
  SyncRequested,
  WeekCompleted,
  ConnectionDisconnected,
  DisconnectRequested,
} from './messages.js';
import { AccountDeleted, LeaderSettingsChanged } from './leader-messages.js';
import { DigestPreferencesRequested, DigestSent, EmailFailed, EmailSent } from './notification-messages.js';
import { ProposalDecided, ProposalUpdated } from './proposal-messages.js';

export const Subjects = {
  connectionLinked: 'calendar.connection.linked.v1',
  connectionNeedsReauth: 'calendar.connection.needs-reauth.v1',
  syncRequested: 'calendar.sync.requested.v1',
  eventsSynced: 'calendar.events.synced.v1',
  eventsChanged: 'calendar.events.changed.v1',
  eventsReplayRequested: 'calendar.events.replay-requested.v1',
  subscriptionLifecycleNotified: 'calendar.subscription.lifecycle-notified.v1',
  disconnectRequested: 'calendar.connection.disconnect-requested.v1',
  connectionDisconnected: 'calendar.connection.disconnected.v1',
  weekCompleted: 'analysis.week.completed.v1',
  settingsChanged: 'analysis.settings.changed.v1',
  bookingRequested: 'ledartid.booking.requested.v1',
  bookingCompleted: 'ledartid.booking.completed.v1',
  bookingFailed: 'ledartid.booking.failed.v1',
  proposalUpdated: 'analysis.proposal.updated.v1',
  proposalDecided: 'ledartid.proposal.decided.v1',
  leaderSettingsChanged: 'leader.settings.changed.v1',
  accountDeleted: 'leader.account.deleted.v1',
  emailSent: 'notification.email.sent.v1',
  emailFailed: 'notification.email.failed.v1',
  digestSent: 'notification.digest.sent.v1',
  digestPreferencesRequested: 'notification.digest.preferences-requested.v1',
} as const;

export type Subject = (typeof Subjects)[keyof typeof Subjects];

export const PayloadSchemas = {
  'calendar.connection.linked.v1': ConnectionLinked,
  'calendar.connection.needs-reauth.v1': ConnectionNeedsReauth,
  'calendar.sync.requested.v1': SyncRequested,
  'calendar.events.synced.v1': EventsSynced,
  'calendar.events.changed.v1': EventsChanged,
  'calendar.events.replay-requested.v1': EventsReplayRequested,
  'calendar.subscription.lifecycle-notified.v1': SubscriptionLifecycleNotified,
  'calendar.connection.disconnect-requested.v1': DisconnectRequested,
  'calendar.connection.disconnected.v1': ConnectionDisconnected,
  'analysis.week.completed.v1': WeekCompleted,
  'analysis.settings.changed.v1': SettingsChanged,
  'ledartid.booking.requested.v1': BookingRequested,
  'ledartid.booking.completed.v1': BookingCompleted,
  'ledartid.booking.failed.v1': BookingFailed,
  'analysis.proposal.updated.v1': ProposalUpdated,
  'ledartid.proposal.decided.v1': ProposalDecided,
  'leader.settings.changed.v1': LeaderSettingsChanged,
  'leader.account.deleted.v1': AccountDeleted,
  'notification.email.sent.v1': EmailSent,
  'notification.email.failed.v1': EmailFailed,
  'notification.digest.sent.v1': DigestSent,
  'notification.digest.preferences-requested.v1': DigestPreferencesRequested,
} as const satisfies Record<Subject, TSchema>;
