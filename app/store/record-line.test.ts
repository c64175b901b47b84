import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeFrameLine, frameLineBound, type FrameFields } from './record-line.ts';
import { frameRecords } from '../testing/frame-records.ts';

// Any UTF-16 text (lone surrogates, control characters, quotes), plain ASCII, and the long texts that skip the copy by character.
const anyUnit = fc.nat(0xffff).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 250, maxLength: 300 }),
);
// Latencies to the microsecond (as the recorder rounds them) and any other number.
const micros = fc.integer({ min: 0, max: 2_000_000_000 }).map((n) => Math.round(n) / 1000);
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.nat(),
  micros,
  fc.constantFrom(-0, 0x3fffffff, 0x40000000, 2 ** 53, 1e21, 0.1, 0.001, 999_999.999, 1_000_000.5),
);
const record = frameRecords(text, number, fc.oneof(fc.constantFrom('2026-12-06T12:00:00.000Z', new Date(0).toISOString()), text));

/** The record as the recorder builds it (members in this order), stringified the usual way. */
function stringified(r: FrameFields): string {
  const { t, seq, at, charger, leg, dir, raw, type, id, action, issues, latencyMs, origin } = r;
  return JSON.stringify({ t, seq, at, charger, leg, dir, raw, type, id, action, issues, latencyMs, origin });
}

test("a frame record's line is byte for byte what JSON.stringify writes, within the room it asks for", () => {
  fc.assert(
    fc.property(record, fc.nat(64), (r, offset) => {
      const expected = Buffer.from(stringified(r));
      const room = frameLineBound(r);
      // Junk before and after: the line must start where it is told and stay within its bound.
      const bytes = Buffer.alloc(offset + room + 8, 0xee);
      const end = encodeFrameLine(bytes, offset, r, false);
      assert.ok(end - offset <= room, `wrote ${end - offset} bytes, asked for ${room}`);
      assert.equal(bytes.subarray(offset, end).toString('latin1'), expected.toString('latin1'));
      assert.ok(bytes.subarray(0, offset).every((b) => b === 0xee) && bytes.subarray(end).every((b) => b === 0xee), 'nothing written outside the line');
      // Left open for a verbatim frame: the same line without its closing brace.
      const open = Buffer.alloc(room);
      assert.equal(open.subarray(0, encodeFrameLine(open, 0, r, true)).toString('latin1'), expected.subarray(0, -1).toString('latin1'));
    }),
    { numRuns: 3_000 },
  );
});

test('a record of the usual MeterValues call and its answer encodes as JSON.stringify does', () => {
  const call = {
    t: 'frame',
    seq: 1234,
    at: '2026-12-06T16:30:38.154Z',
    charger: 'CP-1',
    leg: 'charger',
    dir: 'rx',
    type: 2,
    id: 'mv-7',
    action: 'MeterValues',
    issues: [],
  } as const;
  const answer = { ...call, seq: 1235, dir: 'tx', type: 3, latencyMs: 0 } as const;
  for (const r of [call, answer] as FrameFields[]) {
    const bytes = Buffer.alloc(frameLineBound(r));
    assert.equal(bytes.subarray(0, encodeFrameLine(bytes, 0, r, false)).toString(), stringified(r));
  }
});
