// calendar-sync's coded errors: one prefix, matched on `code`, never a stack to the client.
import { createError } from '@ledarsteg/service-kit';

export const SyncErrors = {
  providerDisabled: createError<[string]>('SYNC_ERR_PROVIDER_DISABLED', 'Provider %s is not configured on this server', 404),
  consentDenied: createError<[string]>('SYNC_ERR_CONSENT_DENIED', 'The provider did not grant access: %s', 400),
  badCallback: createError<[string]>('SYNC_ERR_BAD_CALLBACK', 'The sign-in could not be completed: %s', 400),
  noRefreshToken: createError('SYNC_ERR_NO_REFRESH_TOKEN', 'The provider granted no offline access; connect again and allow it', 400),
  scopesMissing: createError<[string]>('SYNC_ERR_SCOPES_MISSING', 'Not everything LedarSteg needs was granted (missing: %s); nothing was connected, connect again and allow it all', 403),
  identityRejected: createError<[string, { cause: unknown }?]>('SYNC_ERR_IDENTITY_REJECTED', 'The sign-in could not be verified (%s); start again', 400),
  providerFailed: createError<[string, { cause: unknown }?]>('SYNC_ERR_PROVIDER_FAILED', 'The provider could not be reached: %s', 502),
  connectionNotFound: createError<[string]>('SYNC_ERR_CONNECTION_NOT_FOUND', 'No connection %s', 404),
  webhookRejected: createError<[string]>('SYNC_ERR_WEBHOOK_REJECTED', 'Notification rejected: %s', 401),
  unauthorized: createError('SYNC_ERR_UNAUTHORIZED', 'A valid bearer token is required', 401),
};
