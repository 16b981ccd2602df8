// Events per account with a change sequence: the source of calendarView, delta and change notifications.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { applyEventInput, type EventInput, EventInputError, parseDateTimeTimeZone } from './event-input.js';
import type { FakeClock } from './fake-clock.js';
import type { FakeAccount, StoredEvent, Tombstone } from './model.js';
import { instancesOf, parseOccurrenceId } from './recurrence.js';

export type ChangeType = 'created' | 'updated' | 'deleted';
export type ChangeListener = (accountId: string, changeType: ChangeType, eventId: string, changeKey: string) => void;

const newId = () => `AAMkAG${randomBytes(18).toString('hex')}`;
const newChangeKey = () => randomBytes(12).toString('base64');

export class NotFoundError extends Error {}

export class EventStore {
  private readonly events = new Map<string, StoredEvent>();
  private readonly tombstones: Tombstone[] = [];
  private seq = 0;
  private readonly listeners: ChangeListener[] = [];

  constructor(private readonly clock: FakeClock) {}

  get currentSeq(): number {
    return this.seq;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  private nowIso(): string {
    return `${new Date(this.clock.now()).toISOString().slice(0, -1)}0000Z`;
  }

  private touch(event: StoredEvent, changeType: ChangeType): void {
    event.seq = ++this.seq;
    event.lastModifiedDateTime = this.nowIso();
    event.changeKey = newChangeKey();
    for (const listener of this.listeners) listener(event.accountId, changeType, event.id, event.changeKey);
  }

  list(accountId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.accountId === accountId);
  }

  get(accountId: string, id: string): StoredEvent | undefined {
    const event = this.events.get(id);
    return event && event.accountId === accountId ? event : undefined;
  }

  changedSince(accountId: string, seq: number): { live: StoredEvent[]; removed: Tombstone[] } {
    return {
      live: this.list(accountId).filter((e) => e.seq > seq),
      removed: this.tombstones.filter((t) => t.event.accountId === accountId && t.seq > seq),
    };
  }

  /** Creates an event. Graph clients are not `trusted`: they are always the organizer. */
  create(account: FakeAccount, input: EventInput, trusted: boolean): StoredEvent {
    if (!input.start || !input.end) throw new EventInputError('start and end are required');
    if (input.transactionId !== undefined) {
      // Same transactionId = the same event: that is what makes a retried POST safe.
      const existing = this.list(account.id).find((e) => e.transactionId === input.transactionId);
      if (existing) return existing;
    }
    const now = this.nowIso();
    const id = newId();
    const event: StoredEvent = {
      id,
      accountId: account.id,
      subject: '',
      body: { contentType: 'text', content: '' },
      start: DateTime.fromMillis(0),
      end: DateTime.fromMillis(0),
      zone: 'UTC',
      windowsZone: 'UTC',
      isAllDay: false,
      showAs: 'busy',
      sensitivity: 'normal',
      categories: [],
      type: 'singleInstance',
      organizer: { emailAddress: { name: account.displayName, address: account.mail } },
      attendees: [],
      isOrganizer: true,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      isCancelled: false,
      createdDateTime: now,
      lastModifiedDateTime: now,
      iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(16).toString('hex').toUpperCase()}`,
      changeKey: newChangeKey(),
      singleValueExtendedProperties: [],
      seq: 0,
      exceptions: new Map(),
      cancelledOccurrences: new Set(),
    };
    applyEventInput(event, input, now, trusted);
    this.events.set(id, event);
    this.touch(event, 'created');
    return event;
  }

  /** Updates an event, or turns one occurrence of a series into an exception. */
  update(accountId: string, id: string, input: EventInput, trusted: boolean): StoredEvent {
    const occurrence = parseOccurrenceId(id);
    if (occurrence) return this.updateOccurrence(accountId, occurrence.masterId, occurrence.key, input);
    const event = this.get(accountId, id);
    if (!event) throw new NotFoundError(id);
    // Validate on a copy so a rejected PATCH leaves the stored event untouched.
    const draft: StoredEvent = { ...event, singleValueExtendedProperties: event.singleValueExtendedProperties.map((p) => ({ ...p })) };
    applyEventInput(draft, input, this.nowIso(), trusted);
    Object.assign(event, draft);
    this.touch(event, 'updated');
    return event;
  }

  private updateOccurrence(accountId: string, masterId: string, key: string, input: EventInput): StoredEvent {
    const master = this.get(accountId, masterId);
    const from = master && DateTime.fromISO(key, { zone: master.zone });
    const instance = master && from && instancesOf(master, from.minus({ days: 1 }), from.plus({ days: 2 })).find((i) => i.occurrenceKey === key);
    if (!master || !instance) throw new NotFoundError(masterId);
    const override = { ...(master.exceptions.get(key) ?? {}), lastModified: this.nowIso(), changeKey: newChangeKey() };
    const start = input.start ? parseDateTimeTimeZone(input.start).at : instance.start;
    const end = input.end ? parseDateTimeTimeZone(input.end).at : instance.end;
    if (end <= start) throw new EventInputError('The end must be after the start');
    Object.assign(override, { start: start.setZone(master.zone), end: end.setZone(master.zone) });
    if (input.subject !== undefined) override.subject = input.subject;
    if (input.showAs !== undefined) override.showAs = input.showAs;
    master.exceptions.set(key, override);
    this.touch(master, 'updated');
    return master;
  }

  /** Deletes an event (a whole series for a master), or cancels one occurrence. */
  delete(accountId: string, id: string): void {
    const occurrence = parseOccurrenceId(id);
    if (occurrence) {
      const master = this.get(accountId, occurrence.masterId);
      if (!master || master.cancelledOccurrences.has(occurrence.key)) throw new NotFoundError(id);
      master.cancelledOccurrences.add(occurrence.key);
      this.touch(master, 'updated');
      return;
    }
    const event = this.get(accountId, id);
    if (!event) throw new NotFoundError(id);
    this.events.delete(id);
    this.tombstones.push({ event, seq: ++this.seq });
    for (const listener of this.listeners) listener(accountId, 'deleted', id, event.changeKey);
  }
}
