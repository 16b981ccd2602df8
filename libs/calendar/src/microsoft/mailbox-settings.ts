// The calendar's zone and working hours from /me/mailboxSettings: Windows zones become IANA, working hours WorkingDay[].
import type { WorkingDay } from '@ledarsteg/contracts';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DateTime } from 'luxon';
import { ProviderError } from '../provider-error.js';
import type { CalendarSettings } from '../provider.js';
import type { GraphCall } from './graph-client.js';
import { windowsToIana } from './windows-zones.js';

const TIME = '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$';
const MailboxSettings = Type.Object({
  timeZone: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  workingHours: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object({
        daysOfWeek: Type.Array(Type.String()),
        startTime: Type.String({ pattern: TIME }),
        endTime: Type.String({ pattern: TIME }),
        timeZone: Type.Optional(Type.Union([Type.Null(), Type.Object({ name: Type.Optional(Type.String()) })])),
      }),
    ]),
  ),
});

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Working hours may be set in another zone than the mailbox; they are moved into the mailbox zone using
 * the offsets of the current week (a window that crosses midnight there moves to the neighbouring weekday).
 */
function workingDays(hours: NonNullable<typeof MailboxSettings.static.workingHours>, zone: string, now: Date): WorkingDay[] {
  const hoursZone = windowsToIana(hours.timeZone?.name) ?? zone;
  const monday = DateTime.fromJSDate(now, { zone: hoursZone }).startOf('week');
  const out: WorkingDay[] = [];
  for (const name of hours.daysOfWeek) {
    const index = WEEKDAYS.indexOf(name.toLowerCase());
    if (index < 0) continue;
    const at = (time: string) => {
      const [h, m] = time.split(':').map(Number);
      return monday.plus({ days: index }).set({ hour: h!, minute: m! }).setZone(zone);
    };
    const start = at(hours.startTime);
    const end = at(hours.endTime);
    const endText = end.weekday !== start.weekday && end.hour === 0 && end.minute === 0 ? '24:00' : end.toFormat('HH:mm');
    out.push({ weekday: start.weekday, start: start.toFormat('HH:mm'), end: endText });
  }
  return out.sort((a, b) => a.weekday - b.weekday);
}

/** One GET /me/mailboxSettings (MailboxSettings.Read). */
export async function readMailboxSettings(call: GraphCall, now = new Date()): Promise<CalendarSettings> {
  const settings = await call('read mailboxSettings', (c) => c.api('/me/mailboxSettings').get());
  if (!Value.Check(MailboxSettings, settings)) throw new ProviderError('bad_response', 'Graph mailboxSettings has an unexpected shape');
  const timeZone = windowsToIana(settings.timeZone) ?? 'UTC';
  const out: CalendarSettings = { timeZone };
  if (settings.workingHours) out.workingHours = workingDays(settings.workingHours, timeZone, now);
  return out;
}
