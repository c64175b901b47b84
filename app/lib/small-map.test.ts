import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SmallMap } from './small-map.ts';

type Op = { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number } | { kind: 'clear' } | { kind: 'dropOldest' };

test('a SmallMap answers as a Map would, whatever comes and goes (order, oldest first, sizes)', () => {
  const op = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 12 }), value: fc.integer() }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 12 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropOldest' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops: Op[]) => {
      const small = new SmallMap<number, number>();
      const map = new Map<number, number>();
      for (const o of ops) {
        if (o.kind === 'set') {
          small.set(o.key, o.value);
          map.set(o.key, o.value);
        } else if (o.kind === 'delete') assert.equal(small.delete(o.key), map.delete(o.key));
        else if (o.kind === 'clear') {
          small.clear();
          map.clear();
        } else {
          const oldest = map.keys().next().value;
          assert.equal(small.oldestKey(), oldest);
          if (oldest !== undefined) {
            small.delete(oldest);
            map.delete(oldest);
          }
        }
        assert.equal(small.size, map.size);
        assert.deepEqual(small.values(), [...map.values()]);
        for (let key = 0; key <= 12; key++) {
          assert.equal(small.get(key), map.get(key));
          assert.equal(small.has(key), map.has(key));
        }
      }
    }),
  );
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('what a SmallMap let go is not kept alive by its slots', async () => {
  const small = new SmallMap<string, object>();
  let held: object | undefined = { big: new Array(1000).fill(0) };
  const gone = new WeakRef(held);
  small.set('call-1', {});
  small.set('call-2', held);
  small.delete('call-2');
  held = undefined;
  // A WeakRef's target survives until the turn that made it ends: collect on later turns.
  for (let i = 0; i < 10 && gone.deref() !== undefined; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  assert.equal(gone.deref(), undefined);
});
