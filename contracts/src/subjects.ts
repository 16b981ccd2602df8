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
} from './messages.js';

export const Subjects = {
  connectionLinked: 'calendar.connection.linked.v1',
  connectionNeedsReauth: 'calendar.connection.needs-reauth.v1',
  syncRequested: 'calendar.sync.requested.v1',
  eventsSynced: 'calendar.events.synced.v1',
  eventsChanged: 'calendar.events.changed.v1',
  eventsReplayRequested: 'calendar.events.replay-requested.v1',
  subscriptionLifecycleNotified: 'calendar.subscription.lifecycle-notified.v1',
  weekCompleted: 'analysis.week.completed.v1',
  settingsChanged: 'analysis.settings.changed.v1',
  bookingRequested: 'ledartid.booking.requested.v1',
  bookingCompleted: 'ledartid.booking.completed.v1',
  bookingFailed: 'ledartid.booking.failed.v1',
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
  'analysis.week.completed.v1': WeekCompleted,
  'analysis.settings.changed.v1': SettingsChanged,
  'ledartid.booking.requested.v1': BookingRequested,
  'ledartid.booking.completed.v1': BookingCompleted,
  'ledartid.booking.failed.v1': BookingFailed,
} as const satisfies Record<Subject, TSchema>;
