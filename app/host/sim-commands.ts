/** The host's commands over the chargers it simulates itself (the demo): their cars, driven from the UI. */
import { HostError } from './host-error.ts';
import type { Handlers } from './handler.ts';
import type { SimulatedChargers } from './simulated.ts';

export function simCommands(deps: { readonly simulated?: SimulatedChargers }): Handlers<'sim.list' | 'sim.act' | 'sim.answerPrompt'> {
  const simulated = (chargerId: string): SimulatedChargers => {
    if (!deps.simulated?.has(chargerId)) throw new HostError('invalid-args', `${chargerId} is not a charger this app simulates: its car is a real one`);
    return deps.simulated;
  };
  /** A car already plugged, no transaction to stop, no connector free: said as it is. */
  const said = <T>(act: () => T): T => {
    try {
      return act();
    } catch (err) {
      throw new HostError('failed', (err as Error).message);
    }
  };
  return {
    'sim.list': () => deps.simulated?.list() ?? [],
    'sim.answerPrompt': ({ chargerId, prompt }) => ({ did: said(() => simulated(chargerId).answerPrompt(chargerId, prompt)) }),
    'sim.act': ({ chargerId, connectorId, action }) => said(() => simulated(chargerId).act(chargerId, connectorId, action)),
  };
}
