import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isDateTime } from './date-time.ts';

// The reference: the format ajv-formats validated OCPP timestamps with before.
const reference = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
/** Strings shaped like timestamps, valid and not: out-of-range fields, leap days and seconds, every zone form. */
const timestampLike = fc
  .tuple(
    digits(4),
    fc.constantFrom('00', '01', '02', '09', '12', '13', '99'),
    fc.constantFrom('00', '01', '28', '29', '30', '31', '32'),
    fc.constantFrom('T', 't', ' ', 'x', '\u00a0'),
    fc.constantFrom('00', '12', '23', '24'),
    fc.constantFrom('00', '59', '60'),
    fc.constantFrom('00', '59', '60', '61', '60.5', '59.999999'),
    fc.constantFrom('Z', 'z', '', '+00:00', '-00:01', '+01', '+0130', '-23:59', '+24:00', '+05:60', '+1:00', 'ZZ'),
  )
  .map(([y, mo, d, sep, h, mi, s, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${zone}`);

test('date-time is judged as ajv-formats judges it, on timestamps valid and invalid', () => {
  fc.assert(
    fc.property(timestampLike, (text) => assert.equal(isDateTime(text), reference(text), text)),
    { numRuns: 20_000 },
  );
});

test('date-time is judged as ajv-formats judges it, on any string', () => {
  fc.assert(
    fc.property(fc.string(), (text) => assert.equal(isDateTime(text), reference(text), text)),
    { numRuns: 5_000 },
  );
});

test('what chargers send: valid timestamps pass, impossible ones fail', () => {
  assert.equal(isDateTime('2026-12-06T11:00:00.000Z'), true);
  assert.equal(isDateTime('2024-02-29T23:59:59+01:00'), true);
  assert.equal(isDateTime('2023-02-29T10:00:00Z'), false, 'no leap day in 2023');
  assert.equal(isDateTime('2026-12-31T23:59:60Z'), true, 'a leap second in UTC');
  assert.equal(isDateTime('2026-12-31T23:59:60+01:00'), false, 'not at 23:59 local time east of UTC');
  assert.equal(isDateTime('2026-12-06T11:00:00'), false, 'a time zone is required');
  assert.equal(isDateTime('2026-13-06T11:00:00Z'), false);
});
