// Bearer authentication for the coach routes: the token names the coach, and nothing else does.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CoachTokens } from '../coach-tokens.js';
import { CoachErrors } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated coach; set by the coach-auth hook before any coach route runs. */
    coachId: string;
  }
}

const BEARER = /^Bearer ([^\s]{1,1000})$/i;

/** Adds the hook to `app` (an encapsulated context), so only routes registered there require a token. */
export function requireCoach(app: FastifyInstance, tokens: CoachTokens): void {
  app.decorateRequest('coachId', '');
  // Counted before the token is looked at, so guessing tokens is as slow as the allowance makes it.
  app.addHook('onRequest', app.rateLimits.hook('tokenCheck'));
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    const coachId = token ? tokens.identify(token) : undefined;
    if (!coachId) {
      void reply.header('www-authenticate', 'Bearer realm="coach"');
      throw new CoachErrors.unauthorized();
    }
    req.coachId = coachId;
    req.log = req.log.child({ coachId });
  });
}
