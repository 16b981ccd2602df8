// Probes a built app like an outside client and lists every way it falls short of the HTTP hygiene every service
// promises: security headers, no-store, the one error format, and an OpenAPI document in step with its routes.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { checkServedOpenApi } from './openapi-check.js';

const ERROR_KEYS = 'code,error,message,statusCode';

function headerProblems(where: string, headers: Record<string, unknown>, cacheControl = 'no-store'): string[] {
  const problems: string[] = [];
  const csp = String(headers['content-security-policy'] ?? '');
  if (headers['x-content-type-options'] !== 'nosniff') problems.push(`${where}: no X-Content-Type-Options: nosniff`);
  if (headers['x-frame-options'] !== 'DENY') problems.push(`${where}: no X-Frame-Options: DENY`);
  if (!csp.includes("frame-ancestors 'none'")) problems.push(`${where}: CSP lacks frame-ancestors 'none'`);
  if (!csp.includes("default-src 'none'")) problems.push(`${where}: CSP lacks default-src 'none'`);
  if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push(`${where}: CSP allows inline code`);
  if (headers['cache-control'] !== cacheControl) problems.push(`${where}: Cache-Control is ${String(headers['cache-control'])}, not ${cacheControl}`);
  return problems;
}

function errorFormatProblems(where: string, status: number, expected: number, body: string): string[] {
  if (status !== expected) return [`${where}: answered ${status}, not ${expected}`];
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const keys = Object.keys(json).sort().join(',');
    if (keys !== ERROR_KEYS) return [`${where}: error body has ${keys}, not ${ERROR_KEYS}`];
    if (json['statusCode'] !== status) return [`${where}: statusCode ${String(json['statusCode'])} in a ${status} answer`];
    if (typeof json['code'] !== 'string' || String(json['code']).startsWith('FST_')) return [`${where}: code ${String(json['code'])} is not the product's`];
    return [];
  } catch {
    return [`${where}: error body is not JSON`];
  }
}

/**
 * Every problem found (empty when all is well). `requests` are extra requests to probe for headers and no-store — at
 * least one per route family the service serves (e.g. an authenticated and an unauthenticated one).
 */
export async function hygieneProblems(app: FastifyInstance, requests: InjectOptions[] = []): Promise<string[]> {
  const problems: string[] = [];
  for (const req of [{ url: '/healthz' }, { url: '/no/such/route' }, ...requests]) {
    const res = await app.inject(req);
    problems.push(...headerProblems(`${req.method ?? 'GET'} ${req.url}`, res.headers));
  }
  const doc = await app.inject('/openapi.json');
  problems.push(...headerProblems('GET /openapi.json', doc.headers, 'public, max-age=300'));

  const notFound = await app.inject('/no/such/route');
  problems.push(...errorFormatProblems('unknown route', notFound.statusCode, 404, notFound.body));
  // Every route with a path parameter refuses an over-long one with 414 in the error format, before anything else runs.
  for (const route of app.registeredRoutes().filter((r) => r.includes('{'))) {
    const [method = 'GET', path = '/'] = route.split(' ');
    const url = path.replace(/\{[^}]+\}/g, 'x'.repeat(300));
    const res = await app.inject({ method: method as 'GET', url });
    problems.push(...errorFormatProblems(`${route} with an over-long parameter`, res.statusCode, 414, res.body));
    problems.push(...headerProblems(`${route} with an over-long parameter`, res.headers));
  }
  const openApi = await checkServedOpenApi(app);
  problems.push(...openApi.problems.map((p) => `openapi: ${p}`));
  return problems;
}
