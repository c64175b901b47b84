/**
 * The message catalogues: every key in both languages, nothing empty, the same placeholders on
 * both sides (a missing {{reason}} would drop what the user needs to know), and no OCPP name
 * translated where the English names one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, initialLanguage } from './index.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

test('English and Thai have the same keys, none empty, with the same placeholders', () => {
  const en = flatten(CATALOGUES.en as unknown as Tree);
  const th = flatten(CATALOGUES.th as unknown as Tree);
  assert.deepEqual([...th.keys()].sort(), [...en.keys()].sort(), 'the same keys in both catalogues');
  for (const [key, text] of en) {
    const thai = th.get(key)!;
    assert.ok(text.trim() && thai.trim(), `${key} is empty in a catalogue`);
    assert.deepEqual(placeholders(thai), placeholders(text), `${key}: the same placeholders`);
    // Thai, or the very same text: an OCPP name (Heartbeat) is shown as the charger sends it.
    assert.ok(thai === text || /[\u0E00-\u0E7F]/.test(thai), `${key} is Thai in the Thai catalogue: "${thai}"`);
  }
});

test('the language: the one picked before, else the system’s first we have, else English', () => {
  assert.equal(initialLanguage('th', ['en-GB']), 'th');
  assert.equal(initialLanguage(null, ['th-TH', 'en-US']), 'th');
  assert.equal(initialLanguage(null, ['de-DE', 'en-US']), 'en');
  assert.equal(initialLanguage('xx', ['fr']), 'en');
});

test('dates follow the UI language: Thai month names and the Thai calendar year', async () => {
  const { dateTime, clock } = await import('../format.ts');
  const i18next = (await import('i18next')).default;
  const at = Date.UTC(2026, 10, 30, 12, 0, 0);
  await i18next.init({ lng: 'th', resources: {} });
  assert.match(dateTime(at), /พ\.ย\. 2569/);
  await i18next.changeLanguage('en');
  assert.match(dateTime(at), /2026/);
  assert.match(clock(at), /^\d\d:\d\d:\d\d$/);
});
