import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE } from './catalogue.ts';
import { CATALOGUE_TH } from './catalogue-th.ts';

test('every check has its Thai title and what passes, and no Thai entry names a check that does not exist', () => {
  for (const c of CATALOGUE) {
    const th = CATALOGUE_TH[c.id];
    assert.ok(th, `${c.id} has no Thai text`);
    assert.ok(th.title.trim() && th.passes.trim(), `${c.id}: empty Thai text`);
    // Thai, unless the title is an OCPP name shown as the charger sends it.
    assert.ok(/[\u0E00-\u0E7F]/.test(th.passes), `${c.id}: "what passes" is Thai`);
    // Left in English only where it is a name (BootNotification, Basic Auth): words ("Feature profiles") are translated.
    const aName = /^(?:[A-Z][A-Za-z]*)(?: [A-Z][A-Za-z]*)*$/.test(c.title);
    assert.ok((th.title === c.title && aName) || /[\u0E00-\u0E7F]/.test(th.title), `${c.id}: the title is Thai or the OCPP name itself`);
  }
  const ids = new Set(CATALOGUE.map((c) => c.id));
  for (const id of Object.keys(CATALOGUE_TH)) assert.ok(ids.has(id), `${id} is not a check`);
});
