// Two OAuth callbacks for one provider account at once yield one leader and one connection.
import { needs } from '@ledarsteg/testing';
import t from 'tap';
import { LEADER, connectThroughBrowser, createHarness } from './fixtures/harness.js';

t.setTimeout(120_000);

t.test('two concurrent callbacks for the same account link it once', async (t) => {
  const h = await createHarness(t);
  // Both browser flows reach the provider's consent first; only then do both callbacks hit calendar-sync together.
  const results = await Promise.all([connectThroughBrowser(h, 'google'), connectThroughBrowser(h, 'google'), connectThroughBrowser(h, 'google')]);
  for (const { callback } of results) t.equal(callback.statusCode, 200, callback.body);
  const linked = results.map(({ callback }) => callback.json() as { connectionId: string; userId: string });
  t.equal(new Set(linked.map((l) => l.userId)).size, 1, 'one leader');
  t.equal(new Set(linked.map((l) => l.connectionId)).size, 1, 'one connection');
  const docs = await h.app.db.collection('connections').find({ provider: 'google', email: LEADER.email }).toArray();
  t.equal(docs.length, 1, 'one document for the account');
  // The tokens were sealed for the connection that won: the stored copy opens with its id.
  const winner = docs[0]!;
  t.ok(h.app.tokenCipher.open(winner['accessToken'], String(winner['connectionId'])), 'tokens sealed for the surviving connection id');
});

t.test('the unique index on {provider, accountId} rejects a second connection', await needs('uniqueIndexes'), async (t) => {
  const h = await createHarness(t);
  const { callback } = await connectThroughBrowser(h, 'google');
  const { connectionId } = callback.json() as { connectionId: string };
  const doc = await h.app.db.collection('connections').findOne({ connectionId });
  const { _id, ...copy } = doc!;
  await t.rejects(h.app.db.collection('connections').insertOne({ ...copy, connectionId: 'another', userId: 'another' }), { code: 11000 });
});
