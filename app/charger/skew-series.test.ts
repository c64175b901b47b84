import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SkewSeries } from './skew-series.ts';

test('the clock series keeps the newest pairs in order, and reads back as the plain list a bundle holds', () => {
  const series = new SkewSeries(100);
  for (let seq = 1; seq <= 250; seq++) series.push(seq, seq * 10);
  assert.equal(series.length, 100);
  assert.deepEqual(series.at(0), { seq: 151, skewMs: 1_510 });
  assert.deepEqual(series.at(-1), { seq: 250, skewMs: 2_500 });
  assert.equal(series.at(100), undefined);
  const plain = JSON.parse(JSON.stringify(series)) as unknown;
  assert.deepEqual(
    (plain as { seq: number }[]).map((s) => s.seq),
    Array.from({ length: 100 }, (_, i) => 151 + i),
  );
  assert.deepEqual([...SkewSeries.from(plain)], [...series], 'a bundle read back gives the same series');
});

test("a bundle's clock pairs are checked one by one: junk is left out, never an error", () => {
  const read = SkewSeries.from([{ seq: 1, skewMs: 5 }, null, 'x', { seq: 2 }, { seq: 3, skewMs: Number.NaN }, { seq: '4', skewMs: 1 }, { seq: 5, skewMs: -7 }]);
  assert.deepEqual(
    [...read],
    [
      { seq: 1, skewMs: 5 },
      { seq: 5, skewMs: -7 },
    ],
  );
  assert.equal(SkewSeries.from({ not: 'a list' }).length, 0);
});
