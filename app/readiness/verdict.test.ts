/**
 * The overall verdict: READY only when every required check passed. Property tests over every
 * combination of check outcomes (and firmware in scope or not, the run cancelled or not), then the
 * cases an installer meets, one by one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CATALOGUE, finalise, fail, isRequired, pass, skip, warn, type CheckResult, type Finding, type Verdict } from './catalogue.ts';
import { exitCodeOf, overallVerdict } from './verdict.ts';

const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'warn', 'skip'];
const finding = (v: Verdict): Finding => (v === 'pass' ? pass('p') : v === 'fail' ? fail('f') : v === 'warn' ? warn('w') : skip('s'));

/** Results for the whole catalogue as the suite makes them (finalise applies the "one of two" rule). */
function results(verdicts: readonly Verdict[], firmwareInScope: boolean): CheckResult[] {
  return finalise(new Map(CATALOGUE.map((c, i) => [c.id, finding(verdicts[i]!)])), firmwareInScope);
}

const outcomes = fc.array(fc.constantFrom(...VERDICTS), { minLength: CATALOGUE.length, maxLength: CATALOGUE.length });
/** Every check passed, with a few changed: the interesting corner is near READY. */
const nearlyAllPass = fc.array(fc.tuple(fc.nat(CATALOGUE.length - 1), fc.constantFrom(...VERDICTS)), { maxLength: 3 }).map((changes) => {
  const verdicts: Verdict[] = CATALOGUE.map(() => 'pass');
  for (const [at, v] of changes) verdicts[at] = v;
  return verdicts;
});

const byId = new Map(CATALOGUE.map((c) => [c.id, c]));
const counts = (r: CheckResult) => r.verdict === 'pass' || (r.verdict === 'warn' && byId.get(r.id)?.warnAccepted === true);

test('never READY with a required check that did not pass (any outcomes, firmware in scope or not, cancelled or not)', () => {
  fc.assert(
    fc.property(fc.oneof(outcomes, nearlyAllPass), fc.boolean(), fc.boolean(), (verdicts, firmwareInScope, cancelled) => {
      const checks = results(verdicts, firmwareInScope);
      const { verdict, failed, notJudged } = overallVerdict(checks, { cancelled });
      const smart = checks.filter((c) => byId.get(c.id)!.requirement === 'either-smart');
      const plain = checks.filter((c) => c.required && byId.get(c.id)!.requirement !== 'either-smart');
      if (verdict === 'ready') {
        assert.ok(!cancelled, 'a cancelled run is never ready');
        for (const c of plain) assert.ok(counts(c), `${c.id} is ${c.verdict} in a READY verdict`);
        assert.ok(
          smart.some((c) => c.verdict === 'pass'),
          'one of the two smart profiles passed',
        );
        assert.deepEqual([failed, notJudged], [[], []]);
      }
      if (cancelled) assert.equal(verdict, 'incomplete', 'a cancelled run is incomplete');
      // A required check that failed makes the run not ready (unless cancelled), never incomplete.
      const plainFail = plain.some((c) => c.verdict === 'fail' || (c.verdict === 'warn' && !counts(c)));
      const bothSmartFailed = smart.every((c) => c.verdict === 'fail' || c.verdict === 'warn') && !smart.some((c) => c.verdict === 'pass');
      if (!cancelled && (plainFail || bothSmartFailed)) assert.equal(verdict, 'not-ready');
      if (!cancelled && !plainFail && !bothSmartFailed && plain.some((c) => c.verdict === 'skip')) assert.equal(verdict, 'incomplete');
      if (verdict === 'incomplete' && !cancelled) assert.ok(notJudged.length > 0, 'incomplete names what was not judged');
      // Optional checks never decide.
      assert.ok(notJudged.every((n) => checks.find((c) => c.id === n.id)!.required));
      assert.ok(failed.every((id) => checks.find((c) => c.id === id)!.required));
    }),
    { numRuns: 3_000 },
  );
});

test('a charger whose car never plugged in is incomplete, with what to do; one failure more makes it not ready', () => {
  const noCar = new Set(['meter.power', 'meter.energy-register', 'tx.meter-start-stop', 'status.semantics', 'smart.tx-profile', 'smart.off', 'smart.on']);
  const checks = finalise(
    new Map(CATALOGUE.map((c) => [c.id, noCar.has(c.id) ? skip('no transaction was metered: plug in a car and let it charge during the check') : pass('ok')])),
    false,
  );
  const summary = overallVerdict(checks, { cancelled: false });
  assert.equal(summary.verdict, 'incomplete');
  // smart.tx-profile is one of two, and ChargePointMaxProfile passed: the others are what is missing.
  assert.deepEqual(summary.notJudged.map((n) => n.id).sort(), [...noCar].filter((id) => id !== 'smart.tx-profile').sort());
  assert.match(summary.notJudged[0]!.reason, /plug in a car/);
  assert.equal(exitCodeOf(summary.verdict), 3);
  const withFailure = checks.map((c) => (c.id === 'trigger.boot' ? { ...c, verdict: 'fail' as const } : c));
  assert.deepEqual(overallVerdict(withFailure, { cancelled: false }), {
    verdict: 'not-ready',
    failed: ['trigger.boot'],
    notJudged: overallVerdict(checks, { cancelled: false }).notJudged,
  });
  assert.equal(exitCodeOf('not-ready'), 1);
  assert.equal(exitCodeOf('ready'), 0);
});

test('warns count only where the catalogue accepts them; the other smart purpose failing is a warn', () => {
  const all = (id: string, f: Finding) => finalise(new Map(CATALOGUE.map((c) => [c.id, c.id === id ? f : pass('ok')])), false);
  assert.equal(overallVerdict(all('clock.skew', warn('clock 120 s off')), { cancelled: false }).verdict, 'ready');
  assert.equal(overallVerdict(all('config.sampled-data', warn('RebootRequired')), { cancelled: false }).verdict, 'ready');
  // A path the platform would not take: judged, and in the way.
  assert.deepEqual(overallVerdict(all('transport.subprotocol', warn('…/ocpp/CP1/CP1')), { cancelled: false }), {
    verdict: 'not-ready',
    failed: ['transport.subprotocol'],
    notJudged: [],
  });
  const txRejected = all('smart.tx-profile', fail('Rejected'));
  assert.equal(txRejected.find((c) => c.id === 'smart.tx-profile')!.verdict, 'warn');
  assert.equal(overallVerdict(txRejected, { cancelled: false }).verdict, 'ready');
  const bothRejected = finalise(new Map(CATALOGUE.map((c) => [c.id, c.requirement === 'either-smart' ? fail('Rejected') : pass('ok')])), false);
  assert.equal(overallVerdict(bothRejected, { cancelled: false }).verdict, 'not-ready');
  // Firmware counts only when in scope.
  const firmwareFailed = (inScope: boolean) =>
    finalise(new Map(CATALOGUE.map((c) => [c.id, c.id === 'firmware.update' ? fail('DownloadFailed') : pass('ok')])), inScope);
  assert.equal(overallVerdict(firmwareFailed(false), { cancelled: false }).verdict, 'ready');
  assert.equal(overallVerdict(firmwareFailed(true), { cancelled: false }).verdict, 'not-ready');
  assert.ok(isRequired(byId.get('firmware.update')!, true));
});
