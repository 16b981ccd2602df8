// Walks a leader through "Connect your calendar" the way a browser does: calendar-sync → provider consent → callback.
export interface Connected {
  connectionId: string;
  userId: string;
  provider: string;
  email: string;
  timeZone: string;
}

function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

export async function connectLikeABrowser(calendarSyncUrl: string, provider: 'google' | 'microsoft'): Promise<Connected> {
  const start = await fetch(`${calendarSyncUrl}/connect/${provider}`, { redirect: 'manual' });
  const consentUrl = start.headers.get('location');
  if (start.status !== 302 || !consentUrl) throw new Error(`connect/${provider} answered ${start.status}: ${await start.text()}`);
  const consent = await fetch(consentUrl, { redirect: 'manual' });
  const callbackUrl = consent.headers.get('location');
  if (!callbackUrl) throw new Error(`the ${provider} consent page answered ${consent.status} without a redirect`);
  // The machine-readable answer; a browser (Accept: text/html) gets a page instead.
  const callback = await fetch(callbackUrl, { headers: { cookie: cookieHeader(start.headers.getSetCookie()), accept: 'application/json' } });
  const body = (await callback.json()) as Connected & { message?: string };
  if (callback.status !== 200) throw new Error(`the ${provider} callback answered ${callback.status}: ${body.message ?? ''}`);
  return body;
}
