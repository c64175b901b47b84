import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoMillis, isoNow, parseIsoTime } from './iso-time.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
// The form read by character, with every field over its range and beyond it (a 13th month, a 31st of February, 24:00).
const plainForm = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 19 }),
    day: fc.integer({ min: 0, max: 39 }),
    hour: fc.integer({ min: 0, max: 29 }),
    minute: fc.integer({ min: 0, max: 69 }),
    second: fc.integer({ min: 0, max: 69 }),
    ms: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
  })
  .map(
    ({ year, month, day, hour, minute, second, ms }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${ms === undefined ? '' : `.${pad(ms, 3)}`}Z`,
  );
// The same texts with one character replaced: a digit that is not one, a wrong separator, a lower-case t or z.
const damaged = fc
  .tuple(plainForm, fc.nat(23), fc.constantFrom('x', '/', ' ', 't', 'z', '+', '9', '.', ':'))
  .map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1));

test('a time is read as Date.parse reads it, whatever the text', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        plainForm,
        damaged,
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string({ maxLength: 30 }),
      ),
      (text) => {
        assert.equal(parseIsoTime(text), Date.parse(text), text);
      },
    ),
    { numRuns: 20_000 },
  );
});

test('the times around month, year and leap-day ends are read exactly', () => {
  for (const text of [
    '2024-02-28T23:59:59.999Z',
    '2024-02-29T00:00:00.000Z',
    '2100-02-28T12:00:00Z',
    '2000-03-01T00:00:00Z',
    '1970-01-01T00:00:00.000Z',
    '2026-12-31T23:59:59Z',
  ]) {
    assert.equal(parseIsoTime(text), Date.parse(text), text);
  }
  assert.ok(Number.isNaN(parseIsoTime('2026-13-01T00:00:00Z')), 'a 13th month is no time');
});

test("now's text reads back as now, to the millisecond", () => {
  const before = Date.now();
  const ms = isoMillis(isoNow());
  assert.ok(ms >= before && ms <= Date.now());
});
