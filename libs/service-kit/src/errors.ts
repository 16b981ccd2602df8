// Coded errors and the one error format: `{ statusCode, code, error, message }` on every path, never internals of a 5xx.
import { STATUS_CODES } from 'node:http';
import createError from '@fastify/error';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export { createError };

export const KitErrors = {
  notFound: createError('KIT_ERR_NOT_FOUND', 'Route %s not found', 404),
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}

/**
 * Fastify's own errors carry framework codes (FST_ERR_…); clients get the product's codes instead, and a message
 * that does not echo their input back.
 */
const FRAMEWORK_CODES: Record<string, { code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This content type is not accepted here' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: 'The request body does not match its Content-Length' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_BODY', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_BODY', message: 'The request body is empty but its content type is JSON' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'BAD_REQUEST', message: 'The Content-Type header is not valid' },
  FST_ERR_CTP_EMPTY_TYPE: { code: 'BAD_REQUEST', message: 'The Content-Type header is empty' },
  FST_ERR_BAD_URL: { code: 'BAD_URL', message: 'The URL is not valid' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', message: 'A part of the path is too long' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST', message: 'The request could not be routed' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED' },
};

/** Framework errors found before routing that deserve their own status (the rest are 400). */
const FRAMEWORK_STATUS: Record<string, number> = { FST_ERR_MAX_PARAM_LENGTH: 414 };

const reason = (status: number) => STATUS_CODES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');

/** The body for `err` answered with `status`: coded 4xx pass through; a 5xx says only that it was logged. */
export function errorBody(err: Partial<FastifyError>, status: number): ErrorBody {
  if (status >= 500) {
    const coded = status !== 500 && err.code && !err.code.startsWith('FST_');
    return {
      statusCode: status,
      code: coded ? (err.code as string) : 'INTERNAL',
      error: reason(status),
      // A 503 says which dependency is missing (e.g. a paused provider); it never carries a stack or a connection string.
      message: status === 503 && coded ? (err.message ?? '') : 'Something went wrong on our side; it has been logged.',
    };
  }
  const known = err.code ? FRAMEWORK_CODES[err.code] : undefined;
  const code = err.validation ? 'VALIDATION_FAILED' : (known?.code ?? (err.code?.startsWith('FST_') ? 'BAD_REQUEST' : (err.code ?? 'BAD_REQUEST')));
  return { statusCode: status, code, error: reason(status), message: known?.message ?? err.message ?? reason(status) };
}

function statusOf(err: Partial<FastifyError>): number {
  return err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
}

function send(req: FastifyRequest, reply: FastifyReply, err: Partial<FastifyError>, status: number): void {
  if (status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: err.code, status }, err.message);
  void reply.status(status).type('application/json; charset=utf-8').send(errorBody(err, status));
}

/**
 * For Fastify's `frameworkErrors` option: errors raised before a route is found (bad URL, over-long parameter). No
 * hook runs for these, so the security headers come along here.
 */
export function frameworkErrorHandler(headers: Record<string, string>) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    void reply.headers(headers);
    send(req, reply, err, (err.code && FRAMEWORK_STATUS[err.code]) || 400);
  };
}

/** Installs the error and not-found handlers on `app`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => send(req, reply, err, statusOf(err)));
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `Route ${req.method} ${req.url.split('?')[0]} not found` });
  });
}
