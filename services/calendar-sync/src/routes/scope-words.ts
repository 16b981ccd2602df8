// What each requested scope lets LedarSteg do, in plain words for the leader, in Swedish and English.
import type { ProviderName } from '@ledarsteg/calendar';

export interface Words {
  sv: string;
  en: string;
}

const WORDS: Record<string, Words> = {
  openid: { sv: 'bekräfta vem du är när du loggar in', en: 'confirm who you are when you sign in' },
  email: { sv: 'se din e-postadress', en: 'see your email address' },
  profile: { sv: 'se ditt namn och konto-id', en: 'see your name and account id' },
  offline_access: {
    sv: 'behålla åtkomsten när du inte är inloggad, så att kalendern hålls i synk',
    en: 'keep access while you are signed out, so your calendar stays in sync',
  },
  'https://www.googleapis.com/auth/calendar.events.owned': {
    sv: 'se, skapa, ändra och ta bort händelser i dina egna kalendrar – så att LedarSteg kan läsa din vecka och boka ledartid',
    en: 'see, create, change and delete events in the calendars you own – so LedarSteg can read your week and book leadership time',
  },
  'MailboxSettings.Read': { sv: 'läsa din tidszon och arbetstid', en: 'read your time zone and working hours' },
  'Calendars.Read': { sv: 'läsa din kalender och få veta när den ändras', en: 'read your calendar and hear when it changes' },
  'Calendars.ReadWrite': {
    sv: 'skapa, ändra och ta bort händelser i din kalender – för att boka ledartid',
    en: 'create, change and delete events in your calendar – to book leadership time',
  },
};

export function wordsFor(scope: string): Words {
  return WORDS[scope] ?? { sv: scope, en: scope };
}

export const PROVIDER_NAMES: Record<ProviderName, string> = { google: 'Google', microsoft: 'Microsoft' };
