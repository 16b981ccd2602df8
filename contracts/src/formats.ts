// Registers the string formats the contracts use, so every validator checks them the same way.
import { FormatRegistry } from '@sinclair/typebox';
import { DateTime, IANAZone } from 'luxon';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Zones already judged; luxon builds an Intl formatter for every isValidZone call, which a page of events repeats thousands of times. */
const zoneVerdicts = new Map<string, boolean>();
/** Bounded, so strings from outside cannot grow it without end: past it, zones are judged afresh. */
const MAX_REMEMBERED_ZONES = 2_000;

/** Whether `zone` is an IANA time zone this runtime knows, remembered per name. */
export function isKnownZone(zone: string): boolean {
  const known = zoneVerdicts.get(zone);
  if (known !== undefined) return known;
  const verdict = IANAZone.isValidZone(zone);
  if (zoneVerdicts.size < MAX_REMEMBERED_ZONES) zoneVerdicts.set(zone, verdict);
  return verdict;
}

function registerOnce(name: string, check: (value: string) => boolean): void {
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
}

registerOnce('date-time', (v) => ISO_WITH_OFFSET.test(v) && DateTime.fromISO(v, { setZone: true }).isValid);
registerOnce('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid);
registerOnce('iana-zone', isKnownZone);
registerOnce('email', (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v));
registerOnce('uuid', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));
registerOnce('uri', (v) => URL.canParse(v));
