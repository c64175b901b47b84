/** The demo chargers against a running core: the desktop app and `fieldkit serve --demo` start them the same way. */
import { startDemo, type Demo } from '../sim/demo.ts';
import type { Core } from './core.ts';

export function startDemoOn(core: Core): Demo {
  const demo = startDemo({
    ...core.central.state(),
    trustedCertificates: core.certificate?.certs.map((c) => c.cert) ?? [],
    setPassword: (id, password) => core.central.setPassword(id, password),
  });
  // Their cars can be driven from the Charger page; the readiness suite's prompts get a button.
  for (const sim of demo.chargers) core.simulated.add(sim);
  return {
    chargers: demo.chargers,
    stop: async () => {
      for (const sim of demo.chargers) core.simulated.remove(sim.id);
      await demo.stop();
    },
  };
}
