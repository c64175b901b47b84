import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readNumber } from './number-text.ts';

test('an emptied field is "required", never 0; an optional one is simply not given', () => {
  assert.deepEqual(readNumber(''), { value: null, problem: { key: 'required' } });
  assert.deepEqual(readNumber('   '), { value: null, problem: { key: 'required' } });
  assert.deepEqual(readNumber('', { optional: true }), { value: null, problem: null });
});

test('what a person types is read as they mean it; what is not a number says so', () => {
  assert.equal(readNumber('16').value, 16);
  assert.equal(readNumber('7,5').value, 7.5);
  assert.equal(readNumber('-3').value, -3);
  for (const junk of ['0x10', '1e3', 'abc', '1.2.3', '--1']) assert.equal(readNumber(junk).problem?.key, 'notNumber', junk);
  assert.equal(readNumber('2.5', { integer: true }).problem?.key, 'notWhole');
  assert.deepEqual(readNumber('-1', { min: 0 }).problem, { key: 'atLeast', values: { min: 0 } });
  assert.deepEqual(readNumber('90000', { max: 86400 }).problem, { key: 'atMost', values: { max: 86400 } });
});

test('any number written out reads back as itself', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (n) => {
      const text = n.toFixed(3);
      assert.equal(readNumber(text).value, Number(text));
    }),
  );
});
