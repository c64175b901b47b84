/**
 * An insertion-ordered map for a handful of entries that come and go all the time: the calls open
 * on a connection, usually none or one. A long-lived Map whose entries come and go gets a new hash
 * table every few changes, and V8 allocates the table of a Map that has reached the old generation
 * straight in the old generation: garbage only a full collection finds (the relay made some every
 * call). Here the entries live in two arrays that keep their room, so entries coming and going
 * allocate nothing. Lookups run through the entries: keep it small (a cap, as every caller has).
 */
export class SmallMap<K, V> {
  private readonly keyAt: (K | undefined)[] = [];
  private readonly valueAt: (V | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    const at = this.indexOf(key);
    return at < 0 ? undefined : this.valueAt[at];
  }

  has(key: K): boolean {
    return this.indexOf(key) >= 0;
  }

  /** A key already there keeps its place (as in a Map); a new one goes last. */
  set(key: K, value: V): this {
    const at = this.indexOf(key);
    if (at >= 0) this.valueAt[at] = value;
    else {
      this.keyAt[this.count] = key;
      this.valueAt[this.count] = value;
      this.count++;
    }
    return this;
  }

  delete(key: K): boolean {
    const at = this.indexOf(key);
    if (at < 0) return false;
    const last = this.count - 1;
    for (let i = at; i < last; i++) {
      this.keyAt[i] = this.keyAt[i + 1];
      this.valueAt[i] = this.valueAt[i + 1];
    }
    // The slot stays (no allocation when the next entry comes); what it held is let go.
    this.keyAt[last] = undefined;
    this.valueAt[last] = undefined;
    this.count = last;
    return true;
  }

  /** The key set longest ago, undefined when empty. */
  oldestKey(): K | undefined {
    return this.count > 0 ? this.keyAt[0] : undefined;
  }

  /** The values, oldest first (a copy: the map may change while the caller goes through them). */
  values(): V[] {
    return this.valueAt.slice(0, this.count) as V[];
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      this.keyAt[i] = undefined;
      this.valueAt[i] = undefined;
    }
    this.count = 0;
  }

  private indexOf(key: K): number {
    for (let i = 0; i < this.count; i++) if (this.keyAt[i] === key) return i;
    return -1;
  }
}
