// The Microsoft fake's data model: clients, accounts, grants, tokens, stored events and subscriptions.
import type { DateTime } from 'luxon';

export interface FakeClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface WorkingHoursInput {
  /** Lower-case English weekdays, as Graph sends them. */
  daysOfWeek: string[];
  /** HH:mm:ss */
  startTime: string;
  endTime: string;
  /** Windows zone name. */
  timeZone: string;
}

export interface FakeAccount {
  /** The directory object id (`oid`), also `id` of /me. */
  id: string;
  tenantId: string;
  displayName: string;
  mail: string;
  userPrincipalName: string;
  /** Windows zone name of the mailbox. */
  timeZone: string;
  workingHours: WorkingHoursInput;
}

export interface Grant {
  id: string;
  accountId: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AccessTokenRecord {
  grantId: string;
  accountId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export interface EmailAddress {
  name?: string;
  address: string;
}

export type AttendeeType = 'required' | 'optional' | 'resource';
export type ResponseKind = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';

export interface Attendee {
  type: AttendeeType;
  emailAddress: EmailAddress;
  status: { response: ResponseKind; time: string };
}

export const PATTERN_TYPES = ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly'] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];
/** Graph's weekIndex values, in order: the position of the matching day in the month, `last` at the end. */
export const WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last'] as const;
export type WeekIndex = (typeof WEEK_INDEXES)[number];

export interface Recurrence {
  pattern: {
    type: PatternType;
    interval: number;
    daysOfWeek?: string[];
    firstDayOfWeek?: string;
    /** 1–31, absoluteMonthly/absoluteYearly. */
    dayOfMonth?: number;
    /** 1–12, absoluteYearly/relativeYearly. */
    month?: number;
    /** Which of the matching days in the month, relativeMonthly/relativeYearly; `first` by default. */
    index?: WeekIndex;
  };
  range: { type: 'endDate' | 'noEnd' | 'numbered'; startDate: string; endDate?: string; numberOfOccurrences?: number; recurrenceTimeZone?: string };
}

export interface ExtendedProperty {
  id: string;
  value: string;
}

/** What changes on a single occurrence when it becomes an exception. */
export interface OccurrenceOverride {
  start?: DateTime;
  end?: DateTime;
  subject?: string;
  showAs?: ShowAs;
  lastModified: string;
  changeKey: string;
}

export interface StoredEvent {
  id: string;
  accountId: string;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  /** Start and end in the event's own zone (`zone`). All-day events sit at local midnight. */
  start: DateTime;
  end: DateTime;
  /** IANA zone the event was created in. */
  zone: string;
  /** The Windows name Graph reports as originalStartTimeZone. */
  windowsZone: string;
  isAllDay: boolean;
  showAs: ShowAs;
  sensitivity: Sensitivity;
  categories: string[];
  type: 'singleInstance' | 'seriesMaster';
  recurrence?: Recurrence;
  organizer: { emailAddress: EmailAddress };
  attendees: Attendee[];
  isOrganizer: boolean;
  responseStatus: { response: ResponseKind; time: string };
  isCancelled: boolean;
  createdDateTime: string;
  lastModifiedDateTime: string;
  iCalUId: string;
  changeKey: string;
  transactionId?: string;
  singleValueExtendedProperties: ExtendedProperty[];
  /** Change sequence number: what delta tokens compare against. */
  seq: number;
  /** Keyed by the occurrence's original local date (yyyy-MM-dd). */
  exceptions: Map<string, OccurrenceOverride>;
  cancelledOccurrences: Set<string>;
}

/** One row of calendarView: a single event, or one occurrence/exception of a series. */
export interface EventInstance {
  event: StoredEvent;
  id: string;
  type: 'singleInstance' | 'occurrence' | 'exception';
  start: DateTime;
  end: DateTime;
  occurrenceKey?: string;
  originalStart?: DateTime;
  override?: OccurrenceOverride;
}

export interface Tombstone {
  event: StoredEvent;
  seq: number;
}

export interface Subscription {
  id: string;
  accountId: string;
  clientId: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expirationDateTime: string;
}

export type DeltaInvalidation = 'gone' | 'syncStateNotFound' | 'resyncRequired';
