// The merge sort that orders a week's events agrees with a plain stable sort by (start, end, position).
import fc from 'fast-check';
import t from 'tap';
import { startOrder } from '../src/start-order.js';

t.test('orders by start, then end, then position, for any input', async (t) => {
  // Few distinct values, so ties on start and on both start and end are common.
  const times = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })), { maxLength: 70 });
  fc.assert(
    fc.property(times, (pairs) => {
      const start = pairs.map((p) => p[0]);
      const end = pairs.map((p) => p[0] + p[1]);
      const expected = pairs.map((_, i) => i).sort((a, b) => start[a]! - start[b]! || end[a]! - end[b]! || a - b);
      return JSON.stringify([...startOrder(start, end)]) === JSON.stringify(expected);
    }),
    { numRuns: 2000, seed: 3 },
  );
  t.same([...startOrder([5, 1, 1], [6, 3, 2])], [2, 1, 0]);
  t.same([...startOrder([], [])], []);
});
