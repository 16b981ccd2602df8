// Thresholds that define the week metrics: what counts as a meeting, focus, fragmentation, notice and fire-fighting.

/** A meeting has the leader plus at least one other person. */
export const MEETING_MIN_ATTENDEES = 2;
/** A one-to-one has exactly two people. */
export const ONE_TO_ONE_ATTENDEES = 2;
/** A large meeting has at least this many people. */
export const LARGE_MEETING_MIN_PEOPLE = 9;
/** A long meeting lasts strictly more than this. */
export const LONG_MEETING_OVER_MINUTES = 60;
/** A meeting-free stretch of working time at least this long is focus time. */
export const FOCUS_BLOCK_MIN_MINUTES = 120;
/** A free gap between two busy stretches shorter than this is fragmented time. */
export const FRAGMENT_MAX_MINUTES = 60;
/** A working day with at least this much fragmented time counts as a fragmented day. */
export const FRAGMENTED_DAY_MIN_MINUTES = 60;
/** Consecutive meetings closer than this are back to back. */
export const BACK_TO_BACK_MAX_GAP_MINUTES = 5;
/** A back-to-back chain has at least this many meetings. */
export const BACK_TO_BACK_MIN_MEETINGS = 3;
/** Upper bounds (hours between creation and start) of the notice buckets; beyond the last is `over24h`. */
export const NOTICE_BUCKET_HOURS = { upTo6h: 6, from6to12h: 12, from12to24h: 24 } as const;
/** A meeting created at most this long before it starts is short-notice. */
export const SHORT_NOTICE_MAX_HOURS = 24;

/**
 * Weights of the fire-fighting index (sum 1). Each component is a share in 0–1:
 * short-notice meeting minutes / meeting minutes, unprotected ledartid (1 − kept / booked; 1 when nothing is
 * booked), after-hours meeting minutes / meeting minutes.
 */
export const FIREFIGHTING_WEIGHTS = { shortNotice: 0.4, unprotectedLedartid: 0.35, afterHours: 0.25 } as const;

/** Trends compare with the mean of at most this many previous weeks. */
export const MAX_PREVIOUS_WEEKS = 4;
/** A change is `flat` when within this share of the baseline … */
export const TREND_FLAT_RELATIVE = 0.05;
/** … or within this absolute amount (minutes, meetings or index points). */
export const TREND_FLAT_ABSOLUTE = 1;

/**
 * Working weeks in a year, for a recurring series' yearly cost: 52 less five weeks of holiday and the public
 * holidays. A series' occurrences a year are its occurrences this week times this (the calendar does not carry the
 * recurrence rule).
 */
export const WORKING_WEEKS_PER_YEAR = 45;
