// Google's JSON error envelope, thrown by the fake's handlers and rendered by its error handler.
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

/** What newer Google front ends add to the classic envelope: a top-level message of its own, `status` and `details`. */
export interface GoogleErrorExtras {
  message?: string;
  status?: string;
  details?: Record<string, unknown>[];
}

export class GoogleApiError extends Error {
  readonly statusCode: number;
  readonly item: GoogleErrorItem;
  readonly headers: Record<string, string>;
  readonly extras: GoogleErrorExtras;

  constructor(statusCode: number, item: GoogleErrorItem, headers: Record<string, string> = {}, extras: GoogleErrorExtras = {}) {
    super(extras.message ?? item.message);
    this.statusCode = statusCode;
    this.item = item;
    this.headers = headers;
    this.extras = extras;
  }

  body(): { error: { errors: GoogleErrorItem[]; code: number; message: string; status?: string; details?: Record<string, unknown>[] } } {
    const { message, status, details } = this.extras;
    return {
      error: {
        code: this.statusCode,
        message: message ?? this.item.message,
        errors: [this.item],
        ...(status ? { status } : {}),
        ...(details ? { details } : {}),
      },
    };
  }
}

/** `events.list` → `calendar.v3.Events.List`, the method name Google reports in ErrorInfo metadata. */
function rpcMethod(operation: string): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const [resource = '', method = ''] = operation.split('.');
  const names: Record<string, string> = { freebusy: 'Freebusy', calendars: 'Calendars', settings: 'Settings', channels: 'Channels', events: 'Events' };
  return `calendar.v3.${names[resource] ?? cap(resource)}.${cap(method)}`;
}

export const googleErrors = {
  invalid: (message: string, location?: string) =>
    new GoogleApiError(400, {
      domain: 'global',
      reason: 'invalid',
      message,
      ...(location ? { locationType: 'parameter', location } : {}),
    }),
  timeRangeEmpty: () =>
    new GoogleApiError(400, {
      domain: 'calendar',
      reason: 'timeRangeEmpty',
      message: 'The specified time range is empty.',
      locationType: 'parameter',
      location: 'timeMax',
    }),
  authError: () =>
    new GoogleApiError(401, {
      domain: 'global',
      reason: 'authError',
      message: 'Invalid Credentials',
      locationType: 'header',
      location: 'Authorization',
    }),
  /**
   * The token lacks every scope the method accepts. Body as Google sends it (e.g. analogdotnow/Analog#296), with the
   * WWW-Authenticate header naming the accepted scopes (e.g. mtanda/grafana-google-calendar-datasource#22).
   */
  insufficientPermissions: (operation: string, accepted: readonly string[]) =>
    new GoogleApiError(
      403,
      { domain: 'global', reason: 'insufficientPermissions', message: 'Insufficient Permission' },
      { 'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${accepted.join(' ')}"` },
      {
        message: 'Request had insufficient authentication scopes.',
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            domain: 'googleapis.com',
            metadata: { service: 'calendar-json.googleapis.com', method: rpcMethod(operation) },
          },
        ],
      },
    ),
  forbidden: (message: string) => new GoogleApiError(403, { domain: 'global', reason: 'forbidden', message }),
  notFound: () => new GoogleApiError(404, { domain: 'global', reason: 'notFound', message: 'Not Found' }),
  duplicate: () =>
    new GoogleApiError(409, { domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }),
  deleted: () => new GoogleApiError(410, { domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }),
  fullSyncRequired: () =>
    new GoogleApiError(410, {
      domain: 'calendar',
      reason: 'fullSyncRequired',
      message: 'Sync token is no longer valid, a full sync is required.',
      locationType: 'parameter',
      location: 'syncToken',
    }),
  updatedMinTooLongAgo: () =>
    new GoogleApiError(410, {
      domain: 'calendar',
      reason: 'updatedMinTooLongAgo',
      message: 'The requested minimum modification time lies too far in the past.',
      locationType: 'parameter',
      location: 'updatedMin',
    }),
  conditionNotMet: () =>
    new GoogleApiError(412, { domain: 'global', reason: 'conditionNotMet', message: 'Precondition Failed' }),
};
