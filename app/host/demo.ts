/** The demo chargers against a running core: the desktop app and `fieldkit serve --demo` start them the same way. */
import { startDemo, type Demo } from '../sim/demo.ts';
import type { Core } from './core.ts';

export function startDemoOn(core: Core): Demo {
  return startDemo({
    ...core.central.state(),
    trustedCertificates: core.certificate?.certs.map((c) => c.cert) ?? [],
    setPassword: (id, password) => core.central.setPassword(id, password),
  });
}
