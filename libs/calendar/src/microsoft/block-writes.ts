// Ledartid blocks in Outlook: found by our extended property, created with a transactionId so a retried POST never duplicates.
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DateTime, IANAZone } from 'luxon';
import { ProviderError } from '../provider-error.js';
import type { LedartidBlock } from '../provider.js';
import type { GraphCall } from './graph-client.js';
import { LEDARTID_PROPERTY_ID, TRANSACTION_PREFIX } from './graph-event.js';

const BLOCK_ID = /^[a-v0-9]{5,64}$/;
const FoundEvents = Type.Object({ value: Type.Array(Type.Object({ id: Type.String({ minLength: 1 }) })) });
const Created = Type.Object({ id: Type.String({ minLength: 1 }) });

export function checkBlockId(blockId: string): void {
  if (!BLOCK_ID.test(blockId)) throw new ProviderError('rejected', 'blockId must be 5–64 characters of base32hex');
}

/** Local wall time in the block's zone: Graph reads dateTime in the given timeZone, and accepts IANA names. */
function dateTimeTimeZone(at: Date, zone: string) {
  return { dateTime: DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: zone };
}

function times(block: LedartidBlock) {
  if (!IANAZone.isValidZone(block.timeZone)) throw new ProviderError('rejected', `Unknown time zone ${block.timeZone}`);
  if (!(block.end.getTime() > block.start.getTime())) throw new ProviderError('rejected', 'A block must end after it starts');
  return { start: dateTimeTimeZone(block.start, block.timeZone), end: dateTimeTimeZone(block.end, block.timeZone) };
}

export async function findBlocks(call: GraphCall, blockId: string): Promise<{ id: string }[]> {
  checkBlockId(blockId);
  const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${LEDARTID_PROPERTY_ID}' and ep/value eq '${blockId}')`;
  // The client sends query values as given, so the filter is encoded here.
  const page = await call('find block', (c) => c.api(`/me/events?$filter=${encodeURIComponent(filter)}&$select=id&$top=10`).get());
  if (!Value.Check(FoundEvents, page)) throw new ProviderError('bad_response', 'Graph event search returned no value array');
  return page.value;
}

export async function insertBlock(call: GraphCall, block: LedartidBlock): Promise<string> {
  const body = {
    subject: block.title,
    body: { contentType: 'text', content: block.description },
    ...times(block),
    showAs: 'busy',
    sensitivity: 'private',
    isReminderOn: false,
    transactionId: `${TRANSACTION_PREFIX}${block.blockId}`,
    singleValueExtendedProperties: [{ id: LEDARTID_PROPERTY_ID, value: block.blockId }],
  };
  const created = await call('create block', (c) => c.api('/me/events').post(body));
  if (!Value.Check(Created, created)) throw new ProviderError('bad_response', 'Graph created an event without an id');
  return created.id;
}

export async function moveBlock(call: GraphCall, id: string, block: LedartidBlock): Promise<void> {
  const body = times(block);
  await call('move block', (c) => c.api(`/me/events/${encodeURIComponent(id)}`).patch(body));
}
