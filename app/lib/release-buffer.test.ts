import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseBuffer } from './release-buffer.ts';

test('a released buffer is detached: its typed arrays are empty and its memory is no longer its own', () => {
  const rows = new Float64Array(1_024).fill(1);
  releaseBuffer(rows.buffer);
  assert.equal(rows.buffer.byteLength, 0);
  assert.equal(rows.length, 0);
});

test('a shared buffer is left as it is (it cannot be detached, and others may read it)', () => {
  const shared = new Float64Array(new SharedArrayBuffer(64)).fill(2);
  releaseBuffer(shared.buffer);
  assert.equal(shared.length, 8);
  assert.equal(shared[7], 2);
});
