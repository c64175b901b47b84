import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RefusalFact } from '../../app/host/contract.ts';
import { refusalLines } from './refusals.ts';

const refusal = (at: number, reason = 'wrong password'): RefusalFact => ({ seq: at, at, stage: 'auth', scheme: 'ws', reason, hints: [] });
const nameOf = (r: RefusalFact) => r.claimedId ?? r.remote ?? 'unknown';

test('a refusal the live charger and its recordings all hold is listed once, as the live one', () => {
  const wrong = refusal(1_000);
  const chargers = [
    { id: 'CP-1', summary: {}, view: { lastRefusal: wrong } },
    { id: 'CP-1@a1b2c3', summary: { recorded: 'cp-1.fkbundle' }, view: { lastRefusal: wrong } },
    { id: 'CP-1@d4e5f6', summary: { recorded: 'cp-1.fkbundle' }, view: { lastRefusal: wrong } },
    { id: 'CP-1@070809', summary: { recorded: 'library' }, view: { lastRefusal: wrong } },
  ];
  const lines = refusalLines(chargers, [], nameOf);
  assert.equal(lines.length, 1);
  assert.deepEqual(lines[0], { who: 'CP-1', refusal: wrong });
});

test("a refusal only recordings hold is listed once, under the charger's own id and where it was recorded", () => {
  const old = refusal(500, 'id not allowed');
  const chargers = [
    { id: 'CP-1@a1b2c3', summary: { recorded: 'cp-1.fkbundle' }, view: { lastRefusal: old } },
    { id: 'CP-1@d4e5f6', summary: { recorded: 'cp-1.fkbundle' }, view: { lastRefusal: old } },
    { id: 'CP-2', summary: {}, view: { lastRefusal: refusal(900) } },
    { id: 'CP-3', summary: {}, view: null },
  ];
  const lines = refusalLines(chargers, [{ ...refusal(700, 'TLS: unknown CA'), claimedId: 'CP-9' }], nameOf);
  assert.deepEqual(
    lines.map((l) => [l.who, l.refusal.at, l.recordedIn]),
    [
      ['CP-2', 900, undefined],
      ['CP-9', 700, undefined],
      ['CP-1', 500, 'cp-1.fkbundle'],
    ],
  );
});

test('two refusals of one charger at different times stay two lines', () => {
  const chargers = [
    { id: 'CP-1', summary: {}, view: { lastRefusal: refusal(2_000) } },
    { id: 'CP-1@a1b2c3', summary: { recorded: 'old.fkbundle' }, view: { lastRefusal: refusal(1_000) } },
  ];
  assert.equal(refusalLines(chargers, [], nameOf).length, 2);
});
