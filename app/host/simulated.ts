/**
 * The chargers this app simulates itself (the demo, `fieldkit check --simulate`): the car on each
 * connector can be driven from the UI (plug, unplug, start and stop charging, pause, the car's own
 * current limit, a fault), and the readiness suite's "plug a car in" prompts answer themselves.
 * A real charger never appears here: only what the app started.
 */
import type { SimChargePoint } from '../sim/charge-point.ts';

export type EvAction =
  | { readonly kind: 'plug'; readonly socPercent?: number; readonly maxCurrent?: number }
  | { readonly kind: 'unplug' }
  | { readonly kind: 'start' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'max-current'; readonly amps: number }
  | { readonly kind: 'fault'; readonly errorCode?: string }
  | { readonly kind: 'clear-fault' };

export interface SimulatedConnector {
  readonly id: number;
  readonly status: string | null;
  readonly plugged: boolean;
  readonly socPercent: number | null;
  /** What the car draws per phase at most (A), as set now. */
  readonly evMaxCurrentA: number | null;
  readonly paused: boolean;
  readonly fault: string | null;
  readonly transactionId: number | null;
}

export interface SimulatedCharger {
  readonly chargerId: string;
  readonly connected: boolean;
  readonly connectors: readonly SimulatedConnector[];
}

/** The tag a simulated driver presents when the charger is not in free-vend mode. */
export const SIMULATED_ID_TAG = 'SIMULATED-CARD';

export class SimulatedChargers {
  private readonly sims = new Map<string, SimChargePoint>();

  add(sim: SimChargePoint): void {
    this.sims.set(sim.id, sim);
  }

  remove(chargerId: string): void {
    this.sims.delete(chargerId);
  }

  has(chargerId: string): boolean {
    return this.sims.has(chargerId);
  }

  list(): SimulatedCharger[] {
    return [...this.sims.keys()].map((id) => this.state(id));
  }

  state(chargerId: string): SimulatedCharger {
    const sim = this.sim(chargerId);
    return {
      chargerId,
      connected: sim.connected,
      connectors: sim.connectors.map((c) => ({
        id: c.id,
        status: c.reportedStatus,
        plugged: c.plugged,
        socPercent: c.ev ? Math.round(c.ev.socPercent * 10) / 10 : null,
        evMaxCurrentA: c.ev?.maxCurrent ?? null,
        paused: c.ev?.paused ?? false,
        fault: c.fault,
        transactionId: c.transaction?.id ?? null,
      })),
    };
  }

  act(chargerId: string, connectorId: number, action: EvAction): SimulatedCharger {
    const sim = this.sim(chargerId);
    const connector = sim.connector(connectorId);
    const car = () => {
      if (!connector.ev) throw new Error(`no car is plugged into connector ${connectorId}`);
      return connector.ev;
    };
    switch (action.kind) {
      case 'plug':
        if (connector.plugged) throw new Error(`a car is already plugged into connector ${connectorId}`);
        sim.plugIn(connectorId, {
          ...(action.socPercent !== undefined ? { socPercent: action.socPercent } : {}),
          ...(action.maxCurrent !== undefined ? { maxCurrent: action.maxCurrent } : {}),
        });
        break;
      case 'unplug':
        if (!connector.plugged) throw new Error(`no car is plugged into connector ${connectorId}`);
        sim.unplug(connectorId);
        break;
      case 'start':
        car();
        if (connector.transaction) throw new Error(`connector ${connectorId} is already in transaction ${connector.transaction.id}`);
        sim.swipe(connectorId, SIMULATED_ID_TAG);
        break;
      case 'stop':
        if (!connector.transaction) throw new Error(`connector ${connectorId} has no transaction to stop`);
        // The card that started it, presented again: the charger stops with reason Local.
        sim.swipe(connectorId, connector.transaction.idTag);
        break;
      case 'pause':
      case 'resume':
        car().paused = action.kind === 'pause';
        sim.tick();
        break;
      case 'max-current':
        car().setMaxCurrent(action.amps);
        sim.tick();
        break;
      case 'fault':
        sim.injectFault(connectorId, action.errorCode ?? 'OtherError');
        break;
      case 'clear-fault':
        sim.clearFault(connectorId);
        break;
    }
    return this.state(chargerId);
  }

  /**
   * Does what the readiness suite asks of the installer, for a simulated charger, and says what it did:
   * plugs a car into the first free connector when asked to plug in (a car left plugged in after the
   * last charge, its connector Finishing, is unplugged and plugged in again, as a person would), and
   * unplugs when asked to unplug. Throws, with the reason, when it cannot: never a silent no-op.
   */
  answerPrompt(chargerId: string, prompt: 'plug-in' | 'unplug'): string {
    const sim = this.sim(chargerId);
    if (prompt === 'plug-in') {
      // A car already in and not finished (a second click, another tab): one car is what was asked for.
      const waiting = sim.connectors.find((c) => c.plugged && (c.transaction || c.reportedStatus !== 'Finishing'));
      if (waiting?.transaction) throw new Error(`the simulated car on connector ${waiting.id} is already charging (transaction ${waiting.transaction.id})`);
      if (waiting) throw new Error(`a simulated car is already plugged into connector ${waiting.id} (${waiting.reportedStatus ?? 'no status yet'})`);
      const free = sim.connectors.find((c) => !c.plugged && !c.fault);
      if (free) {
        sim.plugIn(free.id);
        return `plugged the simulated car into connector ${free.id}`;
      }
      const idle = sim.connectors.find((c) => c.plugged && !c.transaction && !c.fault);
      if (idle) {
        sim.unplug(idle.id);
        sim.plugIn(idle.id);
        return `unplugged the simulated car from connector ${idle.id} (still plugged in after the last charge) and plugged it in again`;
      }
      throw new Error(`no connector of ${chargerId} can take the simulated car: every connector is faulted (clear the fault on the Charger page first)`);
    }
    const plugged = sim.connectors.find((c) => c.plugged);
    if (!plugged) throw new Error(`no simulated car is plugged into ${chargerId}`);
    sim.unplug(plugged.id);
    return `unplugged the simulated car from connector ${plugged.id}`;
  }

  private sim(chargerId: string): SimChargePoint {
    const sim = this.sims.get(chargerId);
    if (!sim) throw new Error(`${chargerId} is not a charger this app simulates`);
    return sim;
  }
}
