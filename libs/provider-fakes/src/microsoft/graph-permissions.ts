// Which delegated permissions each Graph route the fake serves accepts, and the 403 Graph answers without one: the one
// table the fake enforces. Each row cites the permissions table of the endpoint's page on learn.microsoft.com
// (microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/...). A route without a row is refused at start-up.
import { hasScope } from './identity-store.js';

export interface GraphDenial {
  code: string;
  message: string;
}

export interface PermissionRow {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The route as registered under /v1.0. */
  route: string;
  /** Rows sharing a route: the first whose `when` matches the query applies; a row without `when` matches any. */
  when?: (query: Record<string, string | undefined>) => boolean;
  /** Any one of these suffices (compared case-insensitively, as Graph does). */
  accepted: readonly string[];
  denied: GraphDenial;
  source: string;
}

/** Outlook (Exchange) resources refuse with this (e.g. microsoftgraph/microsoftgraph-postman-collections#48). */
const OUTLOOK_DENIED: GraphDenial = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' };
/** Directory (user) resources refuse with this (learn.microsoft.com/graph/errors, Authorization_RequestDenied). */
const DIRECTORY_DENIED: GraphDenial = { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
/** Subscriptions wrap the resource's refusal (e.g. microsoftgraph/microsoft-graph-docs#3436, #3510). */
const subscriptionDenied = (operation: string): GraphDenial => ({
  code: 'ExtensionError',
  message: `Operation: ${operation}; Exception: [Status Code: Forbidden; Reason: Forbidden]`,
});

const LEARN = 'learn.microsoft.com/graph/api/';
const READ_BASIC_UP = ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'] as const;
/** Extended properties are not "basic" details: reading or filtering by them needs Calendars.Read at least. */
const READ_UP = ['Calendars.Read', 'Calendars.ReadWrite'] as const;
const byExtendedProperty = (q: Record<string, string | undefined>) => /singleValueExtendedProperties/i.test(`${q['$filter'] ?? ''} ${q['$expand'] ?? ''}`);

export const GRAPH_PERMISSIONS: readonly PermissionRow[] = [
  {
    method: 'GET',
    route: '/me',
    accepted: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    denied: DIRECTORY_DENIED,
    source: `${LEARN}user-get (Permissions)`,
  },
  {
    method: 'GET',
    route: '/me/mailboxSettings',
    accepted: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
    denied: OUTLOOK_DENIED,
    source: `${LEARN}user-get-mailboxsettings (Permissions)`,
  },
  {
    method: 'GET',
    route: '/me/events',
    when: byExtendedProperty,
    accepted: READ_UP,
    denied: OUTLOOK_DENIED,
    source: `${LEARN}singlevaluelegacyextendedproperty-get (Permissions, event)`,
  },
  { method: 'GET', route: '/me/events', accepted: READ_BASIC_UP, denied: OUTLOOK_DENIED, source: `${LEARN}user-list-events (Permissions)` },
  { method: 'POST', route: '/me/events', accepted: ['Calendars.ReadWrite'], denied: OUTLOOK_DENIED, source: `${LEARN}user-post-events (Permissions)` },
  {
    method: 'GET',
    route: '/me/events/:id',
    when: byExtendedProperty,
    accepted: READ_UP,
    denied: OUTLOOK_DENIED,
    source: `${LEARN}singlevaluelegacyextendedproperty-get (Permissions, event)`,
  },
  { method: 'GET', route: '/me/events/:id', accepted: READ_BASIC_UP, denied: OUTLOOK_DENIED, source: `${LEARN}event-get (Permissions)` },
  { method: 'PATCH', route: '/me/events/:id', accepted: ['Calendars.ReadWrite'], denied: OUTLOOK_DENIED, source: `${LEARN}event-update (Permissions)` },
  { method: 'DELETE', route: '/me/events/:id', accepted: ['Calendars.ReadWrite'], denied: OUTLOOK_DENIED, source: `${LEARN}event-delete (Permissions)` },
  { method: 'GET', route: '/me/calendarView', accepted: READ_BASIC_UP, denied: OUTLOOK_DENIED, source: `${LEARN}user-list-calendarview (Permissions)` },
  { method: 'GET', route: '/me/events/:id/instances', accepted: READ_BASIC_UP, denied: OUTLOOK_DENIED, source: `${LEARN}event-list-instances (Permissions)` },
  {
    method: 'GET',
    route: '/me/calendarView/delta',
    accepted: ['Calendars.Read', 'Calendars.ReadBasic', 'Calendars.ReadWrite'],
    denied: OUTLOOK_DENIED,
    source: `${LEARN}event-delta (Permissions: least privileged Calendars.Read; higher Calendars.ReadBasic, Calendars.ReadWrite)`,
  },
  // "Creating a subscription requires read scope to the resource … MS Graph Subscriptions will not be able to support
  // write access permissions where only read access privileges are needed": event → Calendars.Read. Managing
  // (getting, updating, deleting) a subscription needs the same read scope (outlook-change-notifications-overview).
  {
    method: 'POST',
    route: '/subscriptions',
    accepted: ['Calendars.Read'],
    denied: subscriptionDenied('Create'),
    source: `${LEARN}subscription-post-subscriptions (Permissions, event)`,
  },
  {
    method: 'PATCH',
    route: '/subscriptions/:id',
    accepted: ['Calendars.Read'],
    denied: subscriptionDenied('Update'),
    source: `${LEARN}subscription-update; learn.microsoft.com/graph/outlook-change-notifications-overview (Request permissions)`,
  },
  {
    method: 'DELETE',
    route: '/subscriptions/:id',
    accepted: ['Calendars.Read'],
    denied: subscriptionDenied('Delete'),
    source: `${LEARN}subscription-delete; learn.microsoft.com/graph/outlook-change-notifications-overview (Request permissions)`,
  },
];

/** True when some row covers the route (HEAD is served as GET). */
export function hasPermissionRow(method: string, route: string): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  return GRAPH_PERMISSIONS.some((row) => row.method === m && row.route === route);
}

/** The refusal for a request whose token lacks the row's permissions; undefined when it may proceed. */
export function permissionDenial(method: string, route: string, query: Record<string, string | undefined>, scopes: readonly string[]): GraphDenial | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const row = GRAPH_PERMISSIONS.find((r) => r.method === m && r.route === route && (!r.when || r.when(query)));
  if (!row) throw new Error(`microsoft fake: no permission row for ${method} ${route}`);
  return row.accepted.some((permission) => hasScope([...scopes], permission)) ? undefined : row.denied;
}
