// Both adapters report an agenda only when someone wrote one: a Teams or Meet join block alone is none.
import t from 'tap';
import { toEventChange } from '../src/google/google-event.js';
import { toProviderEvent } from '../src/microsoft/graph-event.js';

const MEET_ONLY = `-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-
Join with Google Meet: https://meet.google.com/abc-defg-hij
Join by phone
(SE) +46 8 505 203 85 PIN: 123456789#
More phone numbers: https://tel.meet/abc-defg-hij?pin=123456789

Please do not edit this section.
-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-`;
const TEAMS_ONLY =
  '<html><body><div>________________________________________________________________________________</div><b>Microsoft Teams meeting</b><br>Join on your computer, mobile app or room device<br><a href="https://teams.microsoft.com/l/meetup-join/x">Click here to join the meeting</a><br>Meeting ID: 348 112 905 417<br>Passcode: a7Bq3X<br><a href="https://aka.ms/JoinTeamsMeeting">Download Teams</a> | <a href="https://teams.microsoft.com">Join on the web</a><br><a href="https://aka.ms/learn">Learn More</a> | <a href="https://teams.microsoft.com/options">Meeting options</a></body></html>';

function google(description: string | undefined) {
  const change = toEventChange(
    {
      id: 'g1',
      status: 'confirmed',
      summary: 'Veckomöte',
      ...(description === undefined ? {} : { description }),
      start: { dateTime: '2026-11-23T09:00:00+01:00', timeZone: 'Europe/Stockholm' },
      end: { dateTime: '2026-11-23T10:00:00+01:00', timeZone: 'Europe/Stockholm' },
      created: '2026-11-01T09:00:00Z',
      updated: '2026-11-01T09:00:00Z',
      organizer: { self: true },
      attendees: [{ email: 'me@example.com', self: true, organizer: true, responseStatus: 'accepted' }, { email: 'a@example.com' }],
    },
    'primary',
    'Europe/Stockholm',
  );
  if (change.type !== 'upsert') throw new Error('expected an upsert');
  return change.event.hasDescription;
}

function graph(body: string, preview: string) {
  return toProviderEvent(
    {
      id: 'm1',
      subject: 'Veckomöte',
      bodyPreview: preview,
      body: { content: body },
      start: { dateTime: '2026-11-23T08:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'UTC' },
      isAllDay: false,
      showAs: 'busy',
      isOrganizer: true,
      organizer: { emailAddress: { address: 'me@example.com', name: 'Me' } },
      attendees: [{ type: 'required', emailAddress: { address: 'a@example.com', name: 'A' } }],
      createdDateTime: '2026-11-01T09:00:00Z',
      lastModifiedDateTime: '2026-11-01T09:00:00Z',
    },
    { calendarId: 'primary', fallbackZone: 'Europe/Stockholm', selfAddresses: new Set(['me@example.com']) },
  ).hasDescription;
}

t.test('Google: the Meet block alone is no agenda; a line above it is', async (t) => {
  t.equal(google(MEET_ONLY), false);
  t.equal(google(`Agenda: budget 2027, rekrytering\n\n${MEET_ONLY}`), true);
  t.equal(google(undefined), false);
});

t.test('Microsoft: the Teams body alone is no agenda, even where the 255-character preview would stop mid-block', async (t) => {
  const preview = TEAMS_ONLY.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);
  t.equal(graph(TEAMS_ONLY, preview), false);
  t.equal(graph(`<p>Syfte: besluta om Q1-planen.</p>${TEAMS_ONLY}`, preview), true);
});
