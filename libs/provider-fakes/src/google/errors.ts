// Google's JSON error envelope, thrown by the fake's handlers and rendered by its error handler.
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

export class GoogleApiError extends Error {
  readonly statusCode: number;
  readonly item: GoogleErrorItem;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, item: GoogleErrorItem, headers: Record<string, string> = {}) {
    super(item.message);
    this.statusCode = statusCode;
    this.item = item;
    this.headers = headers;
  }

  body(): { error: { errors: GoogleErrorItem[]; code: number; message: string } } {
    return { error: { errors: [this.item], code: this.statusCode, message: this.item.message } };
  }
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
