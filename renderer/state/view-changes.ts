/**
 * How the renderer keeps a charger's view from `charger.update` events, which carry only the parts
 * that changed, and the whole view fetched once with charger.view. Pure.
 */
import type { ChargerUpdate, ChargerView } from '../../app/host/contract.ts';

/**
 * A client's view after an update: the changes over the view it holds. A view fetched while updates
 * were already arriving may be older or newer than what they built: the newer one wins, and the
 * fields the updates never named (unchanged since they began) come from the fetched one.
 */
export function applyViewChanges(held: Partial<ChargerView> | null, changes: ChargerUpdate['changes']): Partial<ChargerView> {
  return { ...(held ?? {}), ...changes };
}

/** Whether a (partial) view built from updates names every field, so it can be shown on its own. */
export function isCompleteView(view: Partial<ChargerView> | null | undefined): view is ChargerView {
  return view !== null && view !== undefined && VIEW_FIELDS.every((k) => k in view);
}

/** The fetched view and the updates that arrived before it, as one view. */
export function mergeFetchedView(fetched: ChargerView, fromUpdates: Partial<ChargerView> | null | undefined): ChargerView {
  if (!fromUpdates || (fromUpdates.lastSeq ?? -1) <= fetched.lastSeq) return fetched;
  return { ...fetched, ...fromUpdates };
}

/** Every field of a view, checked by the compiler: a field added to ChargerView must be named here. */
const FIELDS: Record<keyof ChargerView, true> = {
  chargerId: true,
  identity: true,
  connected: true,
  connection: true,
  connections: true,
  lastRefusal: true,
  skew: true,
  heartbeat: true,
  boots: true,
  connectors: true,
  transactions: true,
  configuration: true,
  sampleIntervalS: true,
  sampledDataChanges: true,
  firmwareStatus: true,
  security: true,
  schema: true,
  samplesTotal: true,
  lastAt: true,
  lastSeq: true,
};
const VIEW_FIELDS = Object.keys(FIELDS) as (keyof ChargerView)[];
