/**
 * The Connect page's "Refused connections": each refusal once. A recorded session shown beside the
 * live charger ("CP1@a1b2c3") holds the same refusal as the live one, and the same bundle opened again
 * holds it once more; listed by who, when, where and why, the live copy first, a recorded one marked
 * with where it was recorded.
 */
import type { ChargerView, RefusalFact } from '../../app/host/contract.ts';

export interface RefusalLine {
  /** Who tried: the charger's id as it named itself (a recording's own suffix taken off). */
  readonly who: string;
  readonly refusal: RefusalFact;
  /** Where a refusal only a recording holds was recorded (a bundle's file name, "library"). */
  readonly recordedIn?: string;
}

interface Source {
  readonly id: string;
  readonly summary: { readonly recorded?: string } | null;
  readonly view: Pick<ChargerView, 'lastRefusal'> | null;
}

/** The charger id a recorded or replayed session is shown under, back to the charger's own. */
const ownId = (shownId: string, recorded: boolean) => (recorded ? shownId.replace(/@[^@]*$/, '') : shownId);

/**
 * Every refusal once, newest first. `unnamed` are refusals before a charger could name itself;
 * `nameOf` says who tried for those (the id it claimed or its address).
 */
export function refusalLines(chargers: readonly Source[], unnamed: readonly RefusalFact[], nameOf: (r: RefusalFact) => string): RefusalLine[] {
  const lines = new Map<string, RefusalLine>();
  const add = (line: RefusalLine) => {
    const r = line.refusal;
    const key = `${line.who}\u0000${r.at}\u0000${r.stage}\u0000${r.reason}`;
    const held = lines.get(key);
    // The live copy wins over a recorded one; two recordings of it are one line.
    if (!held || (held.recordedIn !== undefined && line.recordedIn === undefined)) lines.set(key, line);
  };
  for (const c of chargers) {
    const refusal = c.view?.lastRefusal;
    if (!refusal) continue;
    const recordedIn = c.summary?.recorded;
    add({ who: ownId(c.id, recordedIn !== undefined), refusal, ...(recordedIn !== undefined ? { recordedIn } : {}) });
  }
  for (const r of unnamed) add({ who: nameOf(r), refusal: r });
  return [...lines.values()].sort((a, b) => b.refusal.at - a.refusal.at);
}
