import { CHECK_IDS } from './catalogue.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCentral, until } from '../testing/central-fixture.ts';
import { startSim } from '../testing/sim-fixture.ts';
import { complaints, readinessOn } from '../testing/readiness-fixture.ts';
import type { SimChargePoint } from '../sim/charge-point.ts';
import type { CentralFixture } from '../testing/central-fixture.ts';

interface Row {
  readonly quirk: string | null;
  /** The checks that must fail or warn, and no other. */
  readonly expected: readonly string[];
  readonly scheme?: 'ws' | 'wss';
  readonly ready: boolean;
  /** What happened before the check (an installer power-cycling the charger mid-charge). */
  readonly before?: (fx: CentralFixture, sim: SimChargePoint, id: string) => Promise<void>;
}

const TABLE: readonly Row[] = [
  { quirk: null, expected: [], ready: true },
  { quirk: 'ws-only', scheme: 'ws', expected: ['transport.wss=fail'], ready: false },
  { quirk: 'no-basic-auth', expected: ['auth.basic=fail'], ready: false },
  { quirk: 'clock-offset=-3600', expected: ['clock.skew=fail'], ready: false },
  { quirk: 'clock-offset=120', expected: ['clock.skew=warn'], ready: true },
  { quirk: 'power-missing', expected: ['config.sampled-data=fail', 'meter.power=fail'], ready: false },
  { quirk: 'current-voltage-only', expected: ['config.sampled-data=warn'], ready: true },
  { quirk: 'power-in-kW', expected: [], ready: true },
  { quirk: 'reject-sampled-data', expected: ['config.sampled-data=fail'], ready: false },
  { quirk: 'reject-tx-profile', expected: ['smart.tx-profile=warn'], ready: true },
  { quirk: 'ignore-limit', expected: ['smart.limit=fail', 'smart.off=fail'], ready: false },
  { quirk: 'trigger-not-implemented', expected: ['trigger.boot=fail', 'trigger.status=fail'], ready: false },
  { quirk: 'numbers-as-strings', expected: ['core.schema=fail'], ready: false },
  { quirk: 'values-as-numbers', expected: ['core.schema=fail'], ready: false },
  { quirk: 'no-meter-stop', expected: ['core.schema=fail', 'tx.meter-start-stop=fail'], ready: false },
  { quirk: 'charging-status-at-zero-power', expected: ['smart.off=fail', 'status.semantics=fail'], ready: false },
  { quirk: 'tls-1.3-only', expected: ['transport.tls12-policy=fail'], ready: false },
  {
    quirk: 'energy-register-resets',
    expected: ['meter.energy-register=fail'],
    ready: false,
    before: async (fx, sim, id) => {
      sim.plugIn(1);
      const metered = (f: { charger: string | null; action?: string; raw: string }) =>
        f.charger === id && f.action === 'MeterValues' && /"transactionId":\d+/.test(f.raw) && !/"value":"0"/.test(f.raw);
      await until(() => fx.frames.filter(metered).length >= 3, 'a few register readings before the reset', 10_000);
      await fx.central.call(id, 'Reset', { type: 'Soft' });
      await until(() => !sim.connected, 'the reboot', 5_000);
      await until(() => sim.connected, 'back after the reboot', 10_000);
      // The first reading after the reboot, while the register is still below the one before it: the
      // suite sets the platform's 60 s interval soon after it starts, so it would come much later.
      const rebootedAt = fx.frames.length;
      const inTransaction = (f: { charger: string | null; action?: string; raw: string; dir: string }) =>
        f.charger === id && f.dir === 'rx' && f.action === 'MeterValues' && /"transactionId":\d+/.test(f.raw);
      await until(() => fx.frames.slice(rebootedAt).some(inTransaction), 'a register reading after the reboot', 10_000);
    },
  },
];

test('each quirk fails or warns exactly the checks it should, and nothing else', async () => {
  const fx = await startCentral({ passwords: new Map([['*', 'pw']]), heartbeatInterval: 2 });
  const rf = await readinessOn(fx);
  const sims: SimChargePoint[] = [];
  try {
    const runs = TABLE.map(async (row, i) => {
      const id = `Q${i}`;
      const refused = row.quirk === 'no-basic-auth' || row.quirk === 'tls-1.3-only';
      const sim = await startSim(
        fx,
        { id, password: 'pw', quirks: row.quirk ? [row.quirk] : [], webSocketPingInterval: 1, ...(row.scheme ? { scheme: row.scheme } : {}) },
        !refused,
      );
      sims.push(sim);
      await row.before?.(fx, sim, id);
      const { report } = await rf.run(sim, id);
      return { row, report };
    });
    const problems: string[] = [];
    for (const { row, report } of await Promise.all(runs)) {
      const got = complaints(report);
      if (JSON.stringify(got) !== JSON.stringify([...row.expected].sort())) {
        problems.push(
          `${row.quirk ?? 'compliant'}: expected [${row.expected.join(', ')}], got [${got.join(', ')}]\n    ${report.checks
            .filter((c) => c.verdict === 'fail' || c.verdict === 'warn')
            .map((c) => `${c.id}: ${c.reason}`)
            .join('\n    ')}`,
        );
      }
      if (report.ready !== row.ready) problems.push(`${row.quirk ?? 'compliant'}: ready should be ${row.ready}`);
      assert.equal(report.checks.length, CHECK_IDS.length, 'one entry per catalogue id');
    }
    assert.deepEqual(problems, []);
  } finally {
    await Promise.all(sims.map((s) => s.stop()));
    await rf.close();
    await fx.close();
  }
});
