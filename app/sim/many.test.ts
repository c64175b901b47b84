import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCentral, until } from '../testing/central-fixture.ts';
import { SimChargePoint } from './index.ts';

test('two hundred simulated chargers run in one process, each with its own session', async () => {
  const fx = await startCentral({ acceptAny: true });
  const sims = Array.from(
    { length: 200 },
    (_, i) => new SimChargePoint({ url: fx.wsUrl, id: `SIM${String(i).padStart(3, '0')}`, password: 'any', reconnectBaseMs: 200 }),
  );
  try {
    for (const sim of sims) sim.start();
    await until(() => sims.every((s) => s.connected), 'all 200 booted', 30_000);
    for (const sim of sims.slice(0, 20)) sim.plugIn(1);
    await until(() => sims.slice(0, 20).every((s) => s.connector(1).transaction !== null), '20 transactions', 15_000);
    assert.equal(fx.central.chargers().filter((c) => c.connected).length, 200);
    assert.equal(new Set(fx.central.chargers().map((c) => c.sessionId)).size, 200);
  } finally {
    await Promise.all(sims.map((s) => s.stop()));
    await fx.close();
  }
});
