/** The store and the host as React sees them: narrow selector hooks and a call helper with its state. */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type {
  CallOutcome,
  CentralAction,
  ChargerCall,
  CommandArgs,
  CommandName,
  CommandResults,
  HostApi,
  OcppRequest,
  OcppResponse,
} from '../app/host/contract.ts';
import type { AppState, AppStore } from './state/app-store.ts';

export const HostContext = createContext<{ host: HostApi; store: AppStore } | null>(null);

export function useHostContext(): { host: HostApi; store: AppStore } {
  const value = useContext(HostContext);
  if (!value) throw new Error('HostContext missing');
  return value;
}

/**
 * The one empty list selectors fall back to. A selector must return the same value for the same state:
 * `?? []` makes a new array on every call, and React re-renders forever ("Maximum update depth
 * exceeded") — which happened whenever a page was opened by its address before the app info arrived.
 */
export const NONE: readonly never[] = [];

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useHostContext().store, selector);
}

export type Pending<T> = { state: 'idle' } | { state: 'pending'; since: number } | { state: 'done'; value: T } | { state: 'error'; message: string };

/**
 * Runs a host command and keeps its state for display. "Stop waiting" forgets a pending command
 * (the charger may still answer; the log will show it).
 */
export function useCommand<K extends CommandName>(
  name: K,
): [Pending<CommandResults[K]>, (args: CommandArgs<K>) => Promise<CommandResults[K] | undefined>, () => void] {
  const { host } = useHostContext();
  const [state, setState] = useState<Pending<CommandResults[K]>>({ state: 'idle' });
  const generation = useRef(0);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const run = useCallback(
    async (args: CommandArgs<K>) => {
      const mine = ++generation.current;
      setState({ state: 'pending', since: Date.now() });
      try {
        const value = await host.invoke(name, args);
        if (mounted.current && mine === generation.current) setState({ state: 'done', value });
        return value;
      } catch (err) {
        if (mounted.current && mine === generation.current) setState({ state: 'error', message: (err as Error).message });
        return undefined;
      }
    },
    [host, name],
  );
  const forget = useCallback(() => {
    generation.current++;
    setState({ state: 'idle' });
  }, []);
  return [state, run, forget];
}

/**
 * A charger call: the outcome as a value (a CALLERROR is an outcome, not an exception). Typed by the
 * action: the payload is its request, the outcome's payload its response (as the charger should send
 * it; the host records where it does not).
 */
export function useChargerCall<A extends CentralAction = CentralAction>(): [
  Pending<CallOutcome<OcppResponse<A>>>,
  (chargerId: string, action: A, payload: OcppRequest<A>) => Promise<CallOutcome<OcppResponse<A>> | undefined>,
  () => void,
] {
  const [state, run, forget] = useCommand('charger.call');
  const call = useCallback(
    (chargerId: string, action: A, payload: OcppRequest<A>) =>
      run({ chargerId, action, payload } as ChargerCall) as Promise<CallOutcome<OcppResponse<A>> | undefined>,
    [run],
  );
  return [state as Pending<CallOutcome<OcppResponse<A>>>, call, forget];
}

/** Re-renders every intervalMs (ages, countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
