// The OpenAPI document of a service, generated from the same TypeBox route schemas that validate requests.
import swagger from '@fastify/swagger';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on this app, as `METHOD /path` with OpenAPI `{param}` templates (HEAD excluded). */
    registeredRoutes(): string[];
  }
}

/** The error body every service answers with; documented on every operation. */
export const ErrorBodySchema = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.String({ description: 'stable, machine-readable: match on this' }),
    error: Type.String({ description: 'the HTTP reason phrase' }),
    message: Type.String({ description: 'for people; never internals on a 5xx' }),
  },
  { $id: 'ErrorBody', title: 'Error' },
);

/** `/leaders/:userId/weeks/:week` → `/leaders/{userId}/weeks/{week}`, as OpenAPI writes paths. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export async function registerOpenApi(app: FastifyInstance, opts: { service: string; version?: string; publicUrl?: string }): Promise<void> {
  const routes = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.add(`${method} ${openApiPath(route.url)}`);
    }
  });
  app.decorate('registeredRoutes', () => [...routes].sort());
  app.addSchema(ErrorBodySchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `LedarSteg ${opts.service}`, version: opts.version ?? '1.0.0' },
      ...(opts.publicUrl ? { servers: [{ url: opts.publicUrl }] } : {}),
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
    // Every operation can fail, and always in the same format: say so once for all of them.
    transform: ({ schema, url }) => ({
      schema: {
        ...schema,
        response: {
          ...((schema?.response as object | undefined) ?? {}),
          '4xx': { description: 'A refused request', $ref: 'ErrorBody#' },
          '5xx': { description: 'A failure on our side (never with internals)', $ref: 'ErrorBody#' },
        },
      },
      url,
    }),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.get(
    '/openapi.json',
    {
      config: { cacheControl: 'public, max-age=300' },
      schema: { description: 'This document', response: { 200: Type.Object({}, { additionalProperties: true, description: 'OpenAPI 3.1 document' }) } },
    },
    async () => app.swagger(),
  );
}
