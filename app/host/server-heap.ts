/**
 * The V8 setting of a process that serves chargers (the CLI, the desktop app's main process).
 *
 * V8 "pretenures" an allocation site whose objects survived a young collection in large numbers:
 * from then on it allocates them straight in the old generation. A central system's objects live
 * for one call (a millisecond or two), but a collection that lands mid-turn finds a hundred calls in
 * flight, and a site can be pretenured on that. Its dead objects in the old generation then keep
 * what they point to alive through every young collection until a full one, so everything a call
 * makes gets promoted: measured at 100 chargers (`--trace-gc-nvp`), ~700 KB promoted per scavenge
 * instead of ~10 KB, a full collection every second or two, the process at ~220 MB instead of ~146
 * and p99 up a third — in 12 of 33 runs, depending on where the first collections fell. With
 * pretenuring off, 22 runs out of 22 stayed low (docs/performance.md).
 *
 * Set first thing: a decision made before it stays made.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneHeapForServing(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
