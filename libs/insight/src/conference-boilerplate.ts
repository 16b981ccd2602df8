// Tells an agenda from the join block that Teams, Google Meet, Zoom, Webex and phone dial-ins put in a meeting's text.

/**
 * Labels whose value (an id, a code, a number) runs to the end of the line or to the next label: the label and its
 * value go. Values are digits, spaces and the few signs dial strings use, or one token (a passcode).
 */
const LABELLED_VALUE =
  /\b(meeting id|mötes-?id|passcode|lösenkod|nyckelkod|lösenord|password|pin|phone conference id|id för telefonkonferens|telefonkonferens-?id|conference id|konferens-?id|konferenskod|conference code|video conference id|videokonferens-?id|tenant key|access code|åtkomstkod|attendee id|deltagar-?id|meeting number(?: \(access code\))?|mötesnummer(?: \(åtkomstkod\))?|meeting password|möteslösenord|webinar id)\s*[:：]\s*([\d\s#*,+-]{3,}|\S+)/giu;

/**
 * Whole lines of an invitation that are not about the meeting itself: Zoom's "Topic:" (the title again), "Time:",
 * who is inviting, and dial strings ("+46 8 505 202 81,,552381194# Sweden, Stockholm").
 */
const INVITATION_LINE =
  /^\s*(topic|ämne|time|tid|när|when)\s*[:：].*$|^.*\b(is inviting you to a scheduled|bjuder in dig till ett schemalagt)\b.*$|^\s*[•·*-]?\s*(\([A-Z]{2}\)\s*)?\+\d.*$/gimu;

/** The providers' own sentences in Swedish and English, longest first where one contains another. */
const PHRASES: readonly string[] = [
  // Microsoft Teams
  'microsoft teams meeting', 'microsoft teams-möte', 'microsoft teams need help?', 'microsoft teams behöver du hjälp?',
  'join on your computer, mobile app or room device', 'join on your computer or mobile app', 'join on your computer or mobile app',
  'anslut på datorn, i mobilappen eller på rumsenheten', 'anslut från datorn, mobilappen eller rumsenheten',
  'anslut på din dator eller mobilapp', 'click here to join the meeting', 'klicka här för att ansluta till mötet',
  'join the meeting now', 'anslut till mötet nu', 'delta i mötet nu', 'download teams', 'ladda ned teams', 'ladda ner teams',
  'join on the web', 'anslut på webben', 'learn more about teams', 'learn more', 'läs mer', 'meeting options',
  'mötesalternativ', 'join with a video conferencing device', 'anslut med en videokonferensenhet',
  'alternate vtc instructions', 'alternativa vtc-instruktioner', 'or call in (audio only)', 'eller ring in (endast ljud)',
  'call in (audio only)', 'ring in (endast ljud)', 'find a local number', 'hitta ett lokalt nummer', 'reset pin',
  'återställ pin-kod', 'återställ pin', 'dial in by phone', 'ring in via telefon', 'for organizers:', 'för organisatörer:',
  'privacy and security', 'sekretess och säkerhet', 'need help?', 'behöver du hjälp?', 'microsoft teams',
  // Google Meet
  'join with google meet', 'anslut med google meet', 'delta med google meet', 'gå med i google meet', 'join by phone',
  'anslut via telefon', 'delta via telefon', 'more phone numbers', 'fler telefonnummer', 'learn more about meet at:',
  'läs mer om meet på:', 'learn more about meet', 'läs mer om meet', 'please do not edit this section of the description.',
  'please do not edit this section.', 'redigera inte det här avsnittet av beskrivningen.', 'redigera inte det här avsnittet.',
  'this event has a video call.', 'det här evenemanget har ett videosamtal.', 'meeting link', 'möteslänk', 'join:',
  'anslut:', 'invitation from google calendar', 'inbjudan från google kalender', 'google meet',
  // Zoom
  'is inviting you to a scheduled zoom meeting.', 'bjuder in dig till ett schemalagt zoom-möte.', 'join zoom meeting',
  'anslut till zoom-möte', 'delta i zoom-möte', 'one tap mobile', 'snabbval mobil', 'dial by your location',
  'ring efter din plats', 'find your local number:', 'hitta ditt lokala nummer:', 'join by sip', 'join by h.323',
  'anslut via sip', 'anslut via h.323', 'zoom meeting', 'zoom-möte',
  // Webex
  "when it's time, join the webex meeting here.", 'när det är dags, anslut till webex-mötet här.', 'join webex meeting',
  'anslut till webex-möte', 'join from the meeting link', 'anslut från möteslänken', 'join by meeting number',
  'anslut med mötesnummer', 'tap to join from a mobile device (attendees only)', 'tryck för att ansluta från en mobil enhet (endast deltagare)',
  'global call-in numbers', 'globala inringningsnummer', 'join from a video system or application',
  'anslut från ett videosystem eller program', 'you can also dial', 'du kan också ringa', 'and enter your meeting number.',
  'och ange ditt mötesnummer.', 'join using microsoft lync or microsoft skype for business', 'if you are a host, click here to view host information.',
  'om du är värd, klicka här för att se värdinformation.', "can't join the meeting?", 'kan du inte ansluta till mötet?',
  'webex meeting', 'webex-möte', 'webex',
  // Phone dial-ins
  'dial-in', 'dial in', 'call-in', 'call in', 'inringning', 'ring in', 'toll free', 'avgiftsfritt', 'toll', 'sweden', 'sverige',
  'united states', 'usa', '(us)', '(se)',
];

const PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...PHRASES]
    // Longest first: the alternation takes the first that matches, and "learn more" must not cut "learn more about meet".
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
const LINK = /(https?:\/\/|www\.|meet\.google\.com\/|teams\.microsoft\.com\/)\S*|<[^>\s]+>|\b(tel|sip|mailto):\S+|\S+@\S+\.\S+/giu;
const HTML_TAG = /<[^>]*>/g;
const HTML_ENTITY = /&(nbsp|amp|lt|gt|quot|apos|#\d+);/g;
/** Words that carry nothing alone once the join block is gone ("or", "and", "here", a stray "Teams"). */
const FILLER = new Set([
  'or', 'and', 'the', 'here', 'eller', 'och', 'här', 'via', 'on', 'på', 'at', 'to', 'till', 'meeting', 'möte', 'mötet',
  'teams', 'meet', 'zoom', 'webex', 'pin', 'join', 'anslut', 'download', 'ladda', 'learn', 'more', 'läs', 'mer', 'web',
  'webben', 'phone', 'telefon', 'number', 'nummer', 'link', 'länk', 'dial', 'call', 'ring', 'options', 'alternativ',
]);

function entity(match: string): string {
  return match === '&amp;' ? '&' : match === '&lt;' ? '<' : match === '&gt;' ? '>' : match === '&quot;' ? '"' : ' ';
}

/**
 * The text of a meeting's description once the conference join block is gone: HTML, links, dial-in numbers, ids,
 * passcodes and the providers' standard sentences (sv + en) removed, whitespace collapsed. Works on full
 * descriptions and on one-line previews such as Microsoft's `bodyPreview`.
 */
export function agendaText(description: string | null | undefined): string {
  if (description === undefined || description === null || description.length === 0) return '';
  const text = description
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(HTML_TAG, ' ')
    .replace(HTML_ENTITY, entity)
    .replace(INVITATION_LINE, ' ')
    .replace(LINK, ' ')
    .replace(LABELLED_VALUE, ' ')
    .replace(PHRASE, ' ');
  const words: string[] = [];
  let meaningful = false;
  for (const token of text.split(/[^\p{L}\p{N}&'’-]+/u)) {
    // A word has a run of letters; numbers, dial strings and codes ("a7Bq3X") are join data.
    if (!/\p{L}{3}|^\p{L}{1,2}$/u.test(token)) continue;
    words.push(token);
    if (!FILLER.has(token.toLowerCase())) meaningful = true;
  }
  // Only filler left ("or", "here", a stray "Teams"): what was there was the join block.
  return meaningful ? words.join(' ') : '';
}

/** Someone wrote something beyond the join block: the meeting has an agenda (or at least a stated purpose). */
export function hasAgenda(description: string | null | undefined): boolean {
  return agendaText(description).length > 0;
}
