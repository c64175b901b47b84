import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueScale } from './value-scale.ts';

test('a power axis starts at 0 and prints every tick with the same decimals', () => {
  const s = valueScale(3.2, 11.04, { zero: true });
  assert.equal(s.ticks[0], 0);
  assert.ok(s.ticks.at(-1)! >= 11.04);
  assert.ok(s.ticks.length >= 3 && s.ticks.length <= 6, `${s.ticks.join(' ')}`);
  const labels = s.ticks.map((t) => t.toFixed(s.decimals));
  assert.ok(new Set(labels.map((l) => l.split('.')[1]?.length ?? 0)).size === 1, labels.join(' '));
  assert.equal(new Set(labels).size, labels.length, 'no two ticks print the same');
});

test('a charger drawing nothing gets a 0 … 1 axis, not three zeros', () => {
  const s = valueScale(0, 0, { zero: true });
  assert.deepEqual(s.domain, [0, 1]);
  const labels = s.ticks.map((t) => t.toFixed(s.decimals));
  assert.equal(new Set(labels).size, labels.length, labels.join(' '));
});

test('a voltage axis hugs the values (no zero) and still has distinct labels', () => {
  const s = valueScale(229.2, 231.7);
  assert.ok(s.domain[0] > 200 && s.domain[0] <= 229.2 && s.domain[1] >= 231.7);
  const labels = s.ticks.map((t) => t.toFixed(s.decimals));
  assert.equal(new Set(labels).size, labels.length, labels.join(' '));
  const flat = valueScale(230, 230);
  assert.ok(flat.domain[0] < 230 && flat.domain[1] > 230);
});

test('steps of 2.5 get a decimal more; nonsense bounds fall back to 0 … 1', () => {
  const s = valueScale(0, 7.4, { zero: true, count: 4 });
  const labels = s.ticks.map((t) => t.toFixed(s.decimals));
  assert.equal(new Set(labels).size, labels.length, labels.join(' '));
  assert.deepEqual(valueScale(NaN, Infinity, { zero: true }).domain, [0, 1]);
});
