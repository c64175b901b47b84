/** A port held by another program, for the tests of what the app says when the port it wants is taken. */
import { createServer, type AddressInfo } from 'node:net';

export interface TakenPort {
  readonly port: number;
  /** Lets the port go (the test's finally). */
  release(): void;
}

/** A free port on 127.0.0.1, now held by a plain TCP listener. */
export async function takePort(): Promise<TakenPort> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  return { port: (holder.address() as AddressInfo).port, release: () => holder.close() };
}
