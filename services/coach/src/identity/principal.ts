// Who is calling the front door: the person a session cookie or a personal API token belongs to, and what they may do.
import type { FastifyRequest } from 'fastify';

/** A person's roles. Everyone who signs in is a leader; an organisation's admins make people coaches or admins. */
export type Role = 'leader' | 'coach' | 'admin';

export interface Principal {
  /** The person's id: `leaderIdFor` of the identity they signed in with (the same id calendar-sync gives them). */
  userId: string;
  roles: readonly Role[];
  /** The organisation the person belongs to, if any. */
  orgId?: string;
  /** The verified email address of the account, if the identity provider gave one. */
  email?: string;
  /** The person's name as the identity provider gave it. */
  name?: string;
  /** How the caller proved who they are. */
  via: 'session' | 'token';
  /** A session may read and write; a personal API token has the scope its owner gave it. */
  scope: 'read' | 'read-write';
  /** The session's id (hashed form) when `via` is 'session'. */
  sessionId?: string;
  /** The API token's id when `via` is 'token'. */
  tokenId?: string;
}

/** Resolves the caller of a request from its cookie or bearer token; null when there is none or it is not valid. */
export type Authenticator = (req: FastifyRequest) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, or null for an anonymous request; set by the front door's authentication hook. */
    principal: Principal | null;
  }
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}

/** What the front door knows of people, for the parts that are not about signing in (consent, org aggregates). */
export interface PeopleDirectory {
  /** The ids of the leaders who belong to an organisation. */
  leadersOf(orgId: string): Promise<string[]>;
}
