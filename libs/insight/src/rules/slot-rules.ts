// Rules for placing ledartid: buffers around busy time, alignment and what "morning" means.

/** Keep this much air between a ledartid block and any busy event, before and after. */
export const LEDARTID_BUSY_BUFFER_MINUTES = 10;
/** Slots start on a quarter hour (in every zone whose offset is a multiple of 15 minutes). */
export const SLOT_ALIGNMENT_MINUTES = 15;
/** Local minute of day that separates morning from afternoon. */
export const MORNING_ENDS_AT_MINUTE = 12 * 60;
