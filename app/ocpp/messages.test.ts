/** The OCPP message types are generated from the schemas the app validates with: they must not drift apart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs build script without type declarations
import { MESSAGES_FILE, generateOcppTypes } from '../../scripts/gen-ocpp-types.mjs';
import type { OcppRequest, OcppResponse } from './messages.ts';

test('app/ocpp/messages.ts is what the schemas generate now (run `npm run gen:ocpp` after a schema update)', async () => {
  assert.equal(readFileSync(MESSAGES_FILE, 'utf8'), await generateOcppTypes());
});

test('the types say what the schemas say', () => {
  const reset: OcppRequest<'Reset'> = { type: 'Soft' };
  const boot: OcppResponse<'BootNotification'> = { status: 'Accepted', currentTime: new Date().toISOString(), interval: 60 };
  // @ts-expect-error: Reset has no type "Sideways" in OCPP 1.6
  const wrong: OcppRequest<'Reset'> = { type: 'Sideways' };
  assert.ok(reset && boot && wrong);
});
