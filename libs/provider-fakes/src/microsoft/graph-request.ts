// Per-request Graph plumbing: the authenticated account, Prefer headers, OData options and absolute links.
import type { FastifyRequest } from 'fastify';
import type { ViewOptions } from './event-view.js';
import type { FakeAccount } from './model.js';
import { toIana } from './windows-zones.js';

interface GraphAuth {
  account: FakeAccount;
  scopes: string[];
  clientId: string;
}

const accounts = new WeakMap<FastifyRequest, GraphAuth>();

export function setAuth(req: FastifyRequest, auth: GraphAuth): void {
  accounts.set(req, auth);
}

export function authOf(req: FastifyRequest): GraphAuth {
  const auth = accounts.get(req);
  if (!auth) throw new Error('Graph route reached without authentication');
  return auth;
}

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Preferences from every Prefer header: `outlook.timezone="…"`, `odata.maxpagesize=N`, … */
export function preferences(req: FastifyRequest): Map<string, string> {
  const raw = req.headers.prefer;
  const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const out = new Map<string, string>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
  }
  return out;
}

export function pageSize(req: FastifyRequest, fallback: number): number {
  const asked = Number(preferences(req).get('odata.maxpagesize'));
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, 1000) : fallback;
}

const unquote = (v: string) => v.replaceAll("''", "'");

/** `$expand=singleValueExtendedProperties($filter=id eq '…')` → the property ids to include. */
export function expandedProperties(expand: string | undefined): string[] | undefined {
  if (expand === undefined) return undefined;
  const match = /^singleValueExtendedProperties\(\$filter=id eq '((?:[^']|'')*)'\)$/i.exec(expand.trim());
  if (!match) throw new ODataError(400, 'BadRequest', `Parsing OData Select and Expand failed: unsupported $expand '${expand}'`);
  return [normalizePropertyId(unquote(match[1]!))];
}

/** `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')` → id and value. */
export function extendedPropertyFilter(filter: string | undefined): { id: string; value: string } | undefined {
  if (filter === undefined) return undefined;
  const match = /^singleValueExtendedProperties\/Any\((\w+):\s*\1\/id eq '((?:[^']|'')*)' and \1\/value eq '((?:[^']|'')*)'\)$/i.exec(filter.trim());
  if (!match) throw new ODataError(400, 'ErrorInvalidUrlQueryFilter', `The query filter '${filter}' is not supported by this fake.`);
  return { id: normalizePropertyId(unquote(match[2]!)), value: unquote(match[3]!) };
}

/** The property set GUID is case-insensitive; the name is not. */
export function normalizePropertyId(id: string): string {
  return id.replace(/\{([0-9a-f-]+)\}/i, (_, guid: string) => `{${guid.toLowerCase()}}`);
}

export function viewOptions(req: FastifyRequest, expand?: string[]): ViewOptions {
  const zoneName = preferences(req).get('outlook.timezone') ?? 'UTC';
  const zoneIana = toIana(zoneName);
  if (!zoneIana) throw new ODataError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. '${zoneName}' is not valid.`);
  const view: ViewOptions = { zoneName, zoneIana };
  if (expand) view.expandProperties = expand;
  return view;
}

/** Links must be absolute https URLs: the client only follows those. */
export function absoluteLink(req: FastifyRequest, path: string, params: Record<string, string>): string {
  // Keys keep their literal `$` as Graph writes them; values are percent-encoded.
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return `https://${req.headers.host ?? 'localhost'}/v1.0${path}${query ? `?${query}` : ''}`;
}
