// Coded errors and the one error handler: clients get a code and a message, never internals of a 5xx.
import createError from '@fastify/error';
import type { FastifyError, FastifyInstance } from 'fastify';

export { createError };

export const KitErrors = {
  notFound: createError('KIT_ERR_NOT_FOUND', 'Route %s not found', 404),
};

interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}

/** Installs the error and not-found handlers on `app`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: err.code, status }, err.message);
    const body: ErrorBody =
      status >= 500
        ? { statusCode: status, code: err.code && status !== 500 ? err.code : 'INTERNAL', error: 'Internal Server Error', message: 'Something went wrong on our side; it has been logged.' }
        : {
            statusCode: status,
            code: err.validation ? 'VALIDATION_FAILED' : (err.code ?? 'BAD_REQUEST'),
            error: status === 404 ? 'Not Found' : 'Bad Request',
            message: err.message,
          };
    if (status === 503) body.message = err.message;
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `Route ${req.method} ${req.url.split('?')[0]} not found` });
  });
}
