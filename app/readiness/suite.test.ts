import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldRecords } from '../charger/fold.ts';
import { readSession } from '../store/reader.ts';
import { CHECK_IDS } from './catalogue.ts';
import { startCentral, until } from '../testing/central-fixture.ts';
import { startSim } from '../testing/sim-fixture.ts';
import { readinessOn } from '../testing/readiness-fixture.ts';
import type { SimChargePoint } from '../sim/charge-point.ts';

const PLATFORM = { MeterValueSampleInterval: '60', MeterValuesSampledData: 'Energy.Active.Import.Register,Power.Active.Import' };

function assertRestored(sim: SimChargePoint): void {
  assert.deepEqual(sim.profiles.list(), [], 'every test profile cleared');
  assert.equal(sim.configuration.get('MeterValueSampleInterval'), PLATFORM.MeterValueSampleInterval);
  // The platform's measurands, and the charger's own (current and voltage) kept beside them: nothing dropped silently.
  assert.equal(sim.configuration.get('MeterValuesSampledData'), `${PLATFORM.MeterValuesSampledData},Current.Import,Voltage`);
}

test('a compliant charger with firmware in scope is ready, every required check passing, and the live model equals the recording folded', async () => {
  const fx = await startCentral({ heartbeatInterval: 2 });
  const rf = await readinessOn(fx);
  const sim = await startSim(fx, { webSocketPingInterval: 1 });
  try {
    const firmware = { name: 'sim-2.1.0.bin', content: Buffer.alloc(64 * 1024, 7) };
    const { report, progress } = await rf.run(sim, 'CP1', { firmware });
    assert.deepEqual(
      report.checks.map((c) => c.id),
      CHECK_IDS,
    );
    const notPassing = report.checks.filter((c) => c.required && c.verdict !== 'pass').map((c) => `${c.id}: ${c.verdict} ${c.reason}`);
    assert.deepEqual(notPassing, []);
    assert.equal(report.ready, true);
    const fw = report.checks.find((c) => c.id === 'firmware.update')!;
    assert.equal(fw.required, true, 'firmware is required when in scope');
    assert.match(fw.reason, /Downloading → Downloaded → Installing → Installed/);
    assert.equal(sim.firmwareVersion, '2.1.0', 'the charger rebooted into the new firmware');
    assert.ok(
      report.checks.every((c) => c.verdict === 'skip' || c.evidence.length > 0 || /frames from the charger|statuses agree|never silent/.test(c.reason)),
      'verdicts carry evidence',
    );
    assert.ok(
      progress.some((p) => p.kind === 'prompt' && p.prompt === 'plug-in'),
      'the installer was asked to plug in',
    );
    assert.equal(report.identity?.vendor, 'FieldKit');
    assertRestored(sim);
    assert.equal(report.cleanup.done, true);
    assert.ok(report.cleanup.actions.includes('kept what the charger sampled before the check: Current.Import, Voltage'), report.cleanup.actions.join('; '));

    await sim.stop();
    await until(
      () => fx.events.some((e) => e.charger === 'CP1' && e.event.kind === 'disconnected' && e.seq > rf.models.builder('CP1').model.connections.at(-1)!.seq),
      'the last close recorded',
    );
    const session = fx.central.sessionOf('CP1')!;
    session.flushNow();
    const recorded = foldRecords('CP1', readSession(session.file).records);
    assert.deepEqual(JSON.parse(JSON.stringify(recorded)), JSON.parse(JSON.stringify(rf.models.builder('CP1').model)));
    assert.ok(recorded.samples.length > 3 && recorded.transactions.length >= 1);
  } finally {
    await sim.stop();
    await rf.close();
    await fx.close();
  }
});

test('the clean-up runs when the charger drops its connection mid-suite', async () => {
  const fx = await startCentral({ heartbeatInterval: 2 });
  const rf = await readinessOn(fx);
  const sim = await startSim(fx, { webSocketPingInterval: 1 });
  try {
    const { report } = await rf.run(sim, 'CP1', {
      onProgress: (p) => {
        if (p.kind === 'step' && p.step === 'smart.off') sim.dropConnection();
      },
    });
    assert.equal(report.cleanup.done, true, report.cleanup.problem ?? '');
    assertRestored(sim);
    assert.equal(report.checks.length, CHECK_IDS.length);
  } finally {
    await sim.stop();
    await rf.close();
    await fx.close();
  }
});

test('cancelling the suite mid-way still clears its profiles and restores the configuration', async () => {
  const fx = await startCentral({ heartbeatInterval: 2 });
  const rf = await readinessOn(fx);
  const sim = await startSim(fx, { webSocketPingInterval: 1 });
  const abort = new AbortController();
  try {
    const { report } = await rf.run(sim, 'CP1', {
      signal: abort.signal,
      onProgress: (p) => {
        // The mid limit is installed by now: cancelling here leaves a 7 A TxProfile unless the clean-up works.
        if (p.kind === 'step' && p.step === 'smart.off') abort.abort();
      },
    });
    assert.equal(report.cancelled, true);
    assert.equal(report.ready, false);
    assert.match(report.checks.find((c) => c.id === 'smart.off')!.reason, /cancelled/);
    assertRestored(sim);
    assert.ok(
      report.cleanup.actions.some((a) => a.startsWith('ClearChargingProfile id 9902: Accepted')),
      report.cleanup.actions.join('; '),
    );
    // A profile the charger no longer holds reads as nothing to clear, not as an error.
    for (const a of report.cleanup.actions.filter((x) => x.includes(': Unknown'))) assert.match(a, /nothing left to clear/);
    await until(() => sim.connector(1).powerW > 10_000, 'the car charging at full power again', 5_000);
  } finally {
    await sim.stop();
    await rf.close();
    await fx.close();
  }
});
