// Registers the string formats the contracts use, so every validator checks them the same way.
import { FormatRegistry } from '@sinclair/typebox';
import { DateTime, IANAZone } from 'luxon';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function registerOnce(name: string, check: (value: string) => boolean): void {
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
}

registerOnce('date-time', (v) => ISO_WITH_OFFSET.test(v) && DateTime.fromISO(v, { setZone: true }).isValid);
registerOnce('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid);
registerOnce('iana-zone', (v) => IANAZone.isValidZone(v));
registerOnce('email', (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v));
registerOnce('uuid', (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));
registerOnce('uri', (v) => URL.canParse(v));
