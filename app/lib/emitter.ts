/** A small typed event emitter whose subscriptions return their own unsubscribe. */
export type Listener<T> = (value: T) => void;

export class Emitter<Events extends { [name: string]: unknown }> {
  readonly #subscribers = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    let set = this.#subscribers.get(name);
    if (!set) this.#subscribers.set(name, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(name: K, value: Events[K]): void {
    const set = this.#subscribers.get(name);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<Events[K]>)(value);
      } catch (err) {
        // One broken subscriber (a UI that went away) must not stop the others or the protocol.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
