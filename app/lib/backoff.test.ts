import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from './backoff.ts';

test('backoff doubles up to its ceiling and jitters within ±20 %', () => {
  const middle = () => 0.5;
  assert.deepEqual(
    [0, 1, 2, 3, 10].map((r) => backoffDelay(r, 1_000, 60_000, middle)),
    [1_000, 2_000, 4_000, 8_000, 60_000],
  );
  assert.equal(
    backoffDelay(2, 1_000, 60_000, () => 0),
    3_200,
  );
  assert.equal(
    backoffDelay(2, 1_000, 60_000, () => 1),
    4_800,
  );
  assert.equal(backoffDelay(-1, 1_000, 60_000, middle), 1_000, 'a first try waits the initial delay');
});
