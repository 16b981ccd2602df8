// The leader id derived from a provider identity: stable, a valid UUID, and distinct per identity.
import t from 'tap';
import { leaderIdFor } from '../src/index.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

t.test('the same identity always maps to the same leader, as a version-5 UUID', async (t) => {
  const a = leaderIdFor({ provider: 'google', subject: '1098765432101234567890' });
  t.match(a, UUID_V5);
  t.equal(leaderIdFor({ provider: 'google', subject: '1098765432101234567890' }), a);
});

t.test('different identities map to different leaders', async (t) => {
  const ids = new Set([
    leaderIdFor({ provider: 'google', subject: 'abc' }),
    leaderIdFor({ provider: 'google', subject: 'abd' }),
    leaderIdFor({ provider: 'microsoft', tenantId: 'abc', objectId: 'x' }),
    leaderIdFor({ provider: 'microsoft', tenantId: 'abc', objectId: 'y' }),
    leaderIdFor({ provider: 'microsoft', tenantId: 'abd', objectId: 'x' }),
  ]);
  t.equal(ids.size, 5);
  for (const id of ids) t.match(id, UUID_V5);
});

t.test('a Microsoft identity is keyed by tenant and object id, not split ambiguously', async (t) => {
  t.not(
    leaderIdFor({ provider: 'microsoft', tenantId: 'a:b', objectId: 'c' }),
    leaderIdFor({ provider: 'microsoft', tenantId: 'a', objectId: 'b:c' }),
    'ids differ when the parts differ',
  );
});
