// The analyser's environment.
import { LocalTime } from '@ledarsteg/contracts';
import { CommonConfig } from '@ledarsteg/service-kit';
import { type Static, Type } from '@sinclair/typebox';

export const AnalyserConfig = Type.Composite([
  CommonConfig,
  Type.Object({
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
    /** ISO weekday (1 = Monday) on which next week's ledartid is booked, in each leader's own zone. */
    AUTO_BOOK_WEEKDAY: Type.Integer({ minimum: 1, maximum: 7, default: 5 }),
    /** Local time of day (HH:mm) from which next week's ledartid is booked. */
    AUTO_BOOK_TIME: Type.String({ ...LocalTime, default: '14:00' }),
    /** How often the booking scheduler looks at the clock. */
    AUTO_BOOK_CHECK_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
    /** For tests only, never set in production: the process kills itself (SIGKILL) at this point. */
    CRASH_POINT: Type.Optional(Type.Literal('settings-stored')),
  }),
]);
export type AnalyserConfig = Static<typeof AnalyserConfig>;
