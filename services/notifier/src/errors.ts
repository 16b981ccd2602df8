// The notifier's coded errors.
import { createError } from '@ledarsteg/service-kit';

export const NotifierErrors = {
  recipientNotFound: createError<[string]>('NOTIFIER_ERR_RECIPIENT_NOT_FOUND', 'No recipient %s', 404),
  weekNotAnalysed: createError<[string]>('NOTIFIER_ERR_WEEK_NOT_ANALYSED', 'Week %s has no analysis, so it has no digest', 404),
  sendFailed: createError<[string, { cause: unknown }?]>('NOTIFIER_ERR_SEND_FAILED', 'Sending the %s email failed', 502),
};
