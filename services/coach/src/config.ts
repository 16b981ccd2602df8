// The coach service's environment.
import { type Static, Type } from '@sinclair/typebox';
import { CommonConfig } from '@ledarsteg/service-kit';

const COACH_ID = '[A-Za-z0-9_.@-]{1,200}';
const TOKEN = '[A-Za-z0-9_~+/=.-]{24,}';
const PAIR = `${COACH_ID}:${TOKEN}`;

export const CoachConfig = Type.Composite([
  CommonConfig,
  Type.Object({
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3004 }),
    COACH_TOKENS: Type.String({
      pattern: `^${PAIR}(,${PAIR})*$`,
      description:
        'comma-separated coachId:token pairs, e.g. coach-1:<token>,coach-2:<token>; coach ids use letters, digits and _.@-, tokens at least 24 characters of letters, digits and _~+/=.-',
    }),
  }),
]);
export type CoachConfig = Static<typeof CoachConfig>;
