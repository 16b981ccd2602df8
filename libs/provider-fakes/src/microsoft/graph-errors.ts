// Graph's error envelope: {error:{code,message,innerError:{request-id,date}}}, which GraphErrorHandler parses.
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export function graphErrorBody(code: string, message: string, requestId: string, now: number) {
  return {
    error: {
      code,
      message,
      innerError: { 'request-id': requestId, date: new Date(now).toISOString().slice(0, 19), 'client-request-id': requestId },
    },
  };
}

export function sendGraphError(reply: FastifyReply, status: number, code: string, message: string, now: number): FastifyReply {
  const requestId = String(reply.request.id ?? randomUUID());
  return reply.code(status).header('request-id', requestId).send(graphErrorBody(code, message, requestId, now));
}
