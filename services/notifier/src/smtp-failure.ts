// What an SMTP failure means for the next step: try again later (4xx, connection trouble) or give up (5xx).
export interface SmtpFailure {
  /** The reply code or the error's code; never the server's text, which may quote the address. */
  code: string;
  permanent: boolean;
}

export function classifySmtpFailure(err: unknown): SmtpFailure {
  const { code, responseCode } = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) return { code: String(responseCode), permanent: true };
  if (typeof responseCode === 'number') return { code: String(responseCode), permanent: false };
  return { code: typeof code === 'string' && code ? code.slice(0, 100) : 'UNKNOWN', permanent: false };
}
