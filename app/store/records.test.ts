import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { recordFromLine, type FrameRecord } from './records.ts';
import { frameRecords } from '../testing/frame-records.ts';

// Any text, and the text that looks like where a verbatim frame begins (inside our own fields it is escaped).
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(',"frame":', '"},"frame":[2,', '\\","frame":'));
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
const record = frameRecords(text, number, fc.constantFrom('2026-12-06T12:00:00.000Z', new Date(0).toISOString()));

test('a line read back gives the record written, whether its text was kept verbatim or escaped', () => {
  fc.assert(
    fc.property(record, fc.jsonValue(), (r, payload) => {
      const raw = JSON.stringify([2, 'm', 'DataTransfer', payload]);
      // As the recorder writes it: the record's JSON without raw, its closing brace replaced by the text.
      const verbatim = `${JSON.stringify({ ...r, raw: undefined }).slice(0, -1)},"frame":${raw}}`;
      const escaped = JSON.stringify({ ...r, raw });
      assert.equal((recordFromLine(verbatim) as FrameRecord).raw, raw, 'the exact text comes back');
      assert.deepEqual(recordFromLine(verbatim), JSON.parse(escaped), 'and the same record as the escaped form');
      assert.deepEqual(recordFromLine(escaped), JSON.parse(escaped));
    }),
    { numRuns: 2_000 },
  );
});
