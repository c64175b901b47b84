/** The host's commands over the chargers it simulates itself (the demo): their cars, driven from the UI. */
import { HostError } from './host-error.ts';
import type { Handlers } from './handler.ts';
import type { SimulatedChargers } from './simulated.ts';

export function simCommands(deps: { readonly simulated?: SimulatedChargers }): Handlers<'sim.list' | 'sim.act' | 'sim.answerPrompt'> {
  return {
    'sim.list': () => deps.simulated?.list() ?? [],
    'sim.answerPrompt': ({ chargerId, prompt }) => ({ did: deps.simulated?.answerPrompt(chargerId, prompt) ?? null }),
    'sim.act': ({ chargerId, connectorId, action }) => {
      if (!deps.simulated?.has(chargerId)) throw new HostError('invalid-args', `${chargerId} is not a charger this app simulates: its car is a real one`);
      try {
        return deps.simulated.act(chargerId, connectorId, action);
      } catch (err) {
        // A car already plugged, no transaction to stop, no such connector: said as it is.
        throw new HostError('failed', (err as Error).message);
      }
    },
  };
}
