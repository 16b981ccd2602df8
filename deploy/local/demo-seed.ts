// Two seeded leaders with realistic, overloaded weeks, written into the Google and Microsoft fakes.
import type { GoogleFake, MicrosoftFake } from '@ledarsteg/provider-fakes';
import type { DateTime } from 'luxon';

export const ZONE = 'Europe/Stockholm';

/** One meeting, relative to the Monday of a week. */
interface Meeting {
  title: string;
  weekday: number;
  start: string;
  minutes: number;
  /** Other people invited (the leader is added). */
  others: number;
  weekly?: boolean;
  organiser?: 'self' | 'other';
  optional?: boolean;
  response?: 'accepted' | 'tentative' | 'needsAction' | 'declined';
  agenda?: boolean;
}

/** Anna's week: a leadership team with many recurring meetings, double bookings and late days. */
const ANNA: Meeting[] = [
  { title: 'Ledningsgrupp', weekday: 1, start: '09:00', minutes: 90, others: 9, weekly: true, organiser: 'other', agenda: false },
  { title: 'Avstämning projekt Norr', weekday: 1, start: '10:30', minutes: 60, others: 5, weekly: true },
  { title: 'Budgetgenomgång', weekday: 1, start: '11:30', minutes: 30, others: 4 },
  { title: '1:1 Erik', weekday: 2, start: '08:30', minutes: 30, others: 1, weekly: true, organiser: 'self', agenda: true },
  { title: 'Produktråd', weekday: 2, start: '09:00', minutes: 120, others: 14, weekly: true, optional: true, response: 'tentative' },
  { title: 'Kundmöte Volvo', weekday: 2, start: '13:00', minutes: 60, others: 3, agenda: true },
  { title: 'Rekrytering: intervju', weekday: 2, start: '13:30', minutes: 60, others: 2, agenda: true },
  { title: 'Veckomöte säljteam', weekday: 3, start: '08:00', minutes: 60, others: 11, weekly: true },
  { title: 'Styrgrupp IT', weekday: 3, start: '10:00', minutes: 90, others: 8, weekly: true, agenda: false },
  { title: 'Lunchseminarium', weekday: 3, start: '12:00', minutes: 60, others: 30, optional: true, response: 'needsAction' },
  { title: 'Incident: leveransstopp', weekday: 3, start: '15:00', minutes: 45, others: 6 },
  { title: 'Medarbetarsamtal', weekday: 4, start: '09:00', minutes: 60, others: 1, organiser: 'self', agenda: true },
  { title: 'Kvartalsuppföljning', weekday: 4, start: '13:00', minutes: 120, others: 12, agenda: false },
  { title: 'Sen avstämning med vd', weekday: 4, start: '17:30', minutes: 60, others: 1 },
  { title: 'Fredagsfika', weekday: 5, start: '09:00', minutes: 30, others: 25, weekly: true, optional: true, response: 'needsAction' },
  { title: 'Planering nästa vecka', weekday: 5, start: '10:00', minutes: 60, others: 4, weekly: true },
];

/** Erik's week: fewer meetings, but fragmented and with a standing late meeting. */
const ERIK: Meeting[] = [
  { title: 'Morgonmöte', weekday: 1, start: '08:00', minutes: 30, others: 6, weekly: true },
  { title: 'Morgonmöte', weekday: 3, start: '08:00', minutes: 30, others: 6, weekly: true },
  { title: 'Morgonmöte', weekday: 5, start: '08:00', minutes: 30, others: 6, weekly: true },
  { title: 'Avdelningsmöte', weekday: 1, start: '10:00', minutes: 60, others: 10, weekly: true, agenda: false },
  { title: '1:1 Anna', weekday: 2, start: '08:30', minutes: 30, others: 1, weekly: true },
  { title: 'Leverantörsmöte', weekday: 2, start: '11:00', minutes: 45, others: 3 },
  { title: 'Arbetsmiljögrupp', weekday: 2, start: '14:00', minutes: 90, others: 7, weekly: true },
  { title: 'Kodgranskning', weekday: 3, start: '10:00', minutes: 45, others: 4 },
  { title: 'Kodgranskning', weekday: 3, start: '11:00', minutes: 45, others: 4 },
  { title: 'Release-möte', weekday: 4, start: '16:30', minutes: 90, others: 8, weekly: true },
];

export const DEMO_LEADERS = [
  { name: 'Anna Lindqvist', email: 'anna@ledarsteg-demo.se', provider: 'google' as const, meetings: ANNA },
  { name: 'Erik Sandberg', email: 'erik@ledarsteg-demo.se', provider: 'microsoft' as const, meetings: ERIK },
];

interface Placed {
  meeting: Meeting;
  start: DateTime;
  end: DateTime;
}

/** Places the week's meetings in the week starting `monday`; weekly ones repeat for `weeks` weeks. */
function place(meetings: Meeting[], monday: DateTime): Placed[] {
  return meetings.map((meeting) => {
    const [h, m] = meeting.start.split(':').map(Number) as [number, number];
    const start = monday.plus({ days: meeting.weekday - 1 }).set({ hour: h, minute: m });
    return { meeting, start, end: start.plus({ minutes: meeting.minutes }) };
  });
}

function others(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `kollega${i + 1}@ledarsteg-demo.se`);
}

const WEEKDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** `monday`: the week being planned; its meetings are created now, days ahead, as real invitations are. */
export function seedGoogle(fake: GoogleFake, email: string, meetings: Meeting[], monday: DateTime): void {
  for (const { meeting, start, end } of place(meetings, monday)) {
    const self = meeting.organiser === 'self';
    fake.insertEvent(email, {
      summary: meeting.title,
      ...(meeting.agenda ? { description: 'Agenda: 1. Läget 2. Beslut 3. Nästa steg' } : {}),
      start: { dateTime: start.toISO()!, timeZone: ZONE },
      end: { dateTime: end.toISO()!, timeZone: ZONE },
      ...(meeting.weekly ? { recurrence: [`RRULE:FREQ=WEEKLY;BYDAY=${WEEKDAY[meeting.weekday - 1]};COUNT=12`] } : {}),
      organizer: { email: self ? email : 'kollega1@ledarsteg-demo.se', self },
      attendees: [
        { email, self: true, organizer: self, responseStatus: self ? 'accepted' : (meeting.response ?? 'accepted'), ...(meeting.optional ? { optional: true } : {}) },
        ...others(meeting.others).map((o) => ({ email: o, responseStatus: 'accepted' as const })),
      ],
    });
  }
}

export function seedMicrosoft(fake: MicrosoftFake, accountId: string, email: string, meetings: Meeting[], monday: DateTime): void {
  const response = { accepted: 'accepted', tentative: 'tentativelyAccepted', needsAction: 'notResponded', declined: 'declined' } as const;
  for (const { meeting, start, end } of place(meetings, monday)) {
    const self = meeting.organiser === 'self';
    const local = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm:ss");
    fake.createEvent(accountId, {
      subject: meeting.title,
      ...(meeting.agenda ? { body: { contentType: 'text', content: 'Agenda: 1. Läget 2. Beslut 3. Nästa steg' } } : {}),
      start: { dateTime: local(start), timeZone: 'W. Europe Standard Time' },
      end: { dateTime: local(end), timeZone: 'W. Europe Standard Time' },
      ...(meeting.weekly
        ? {
            recurrence: {
              pattern: { type: 'weekly', interval: 1, daysOfWeek: [start.setLocale('en').toFormat('cccc').toLowerCase()] },
              range: { type: 'numbered', startDate: start.toISODate()!, numberOfOccurrences: 12 },
            },
          }
        : {}),
      isOrganizer: self,
      organizer: { emailAddress: { address: self ? email : 'kollega1@ledarsteg-demo.se', name: self ? 'Erik Sandberg' : 'Kollega 1' } },
      responseStatus: { response: self ? 'organizer' : response[meeting.response ?? 'accepted'] },
      attendees: [
        // An invitee sees themselves among the attendees; that entry says whether they are optional.
        ...(self ? [] : [{ type: meeting.optional ? ('optional' as const) : ('required' as const), emailAddress: { address: email, name: 'Erik Sandberg' } }]),
        ...others(meeting.others).map((o) => ({ type: 'required' as const, emailAddress: { address: o, name: o.split('@')[0]! }, status: { response: 'accepted' as const } })),
      ],
    });
  }
}
