/**
 * Caps on sockets that have not become a charger yet (TLS handshake, HTTP upgrade): per address and in
 * all. The central system listens on the site network; without caps, a flood of idle or junk
 * connections holds descriptors until the genuine charger cannot get one. A socket stops counting the
 * moment it is admitted as a charger, so connected chargers never crowd out the next one.
 * One address over its cap is refused; when all addresses together are over the total, the oldest
 * waiting socket makes room (a genuine charger finishes its handshake in milliseconds, junk waits
 * for the deadline), so a newcomer is never locked out by a flood from many addresses.
 */
import type { Socket } from 'node:net';

export interface GateLimits {
  /** Unadmitted sockets one address may hold at once. */
  readonly perAddress: number;
  /** Unadmitted sockets in all. */
  readonly total: number;
}

export const DEFAULT_GATE_LIMITS: GateLimits = { perAddress: 32, total: 512 };

const THIS_COMPUTER = new Set(['127.0.0.1', '::1']);

export class ConnectionGate {
  private readonly byAddress = new Map<string, number>();
  /** Each socket still waiting, by address:port (a TLS socket and the TCP socket under it share it), oldest first. */
  private readonly pending = new Map<string, Socket>();
  /** Sockets turned away, per address, since the last report (reported at most once a minute). */
  private readonly dropped = new Map<string, number>();
  private lastReport = 0;

  constructor(
    private readonly limits: GateLimits = DEFAULT_GATE_LIMITS,
    private readonly onDropped: (address: string, count: number, reason: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a new socket in, or destroys it (true: admitted to the handshake). */
  enter(socket: Socket): boolean {
    const address = addressOf(socket);
    // This computer itself (the demo, the simulator, a benchmark of a thousand chargers) is not a
    // stranger on the site network: it is not capped. Other loopback addresses are, as tests use them.
    if (THIS_COMPUTER.has(address)) return true;
    const held = this.byAddress.get(address) ?? 0;
    if (held >= this.limits.perAddress) {
      socket.destroy();
      this.noteDropped(address, `${address} already holds ${held} connections that have not completed a handshake`);
      return false;
    }
    if (this.pending.size >= this.limits.total) {
      const [oldestKey, oldest] = this.pending.entries().next().value!;
      const oldestAddress = addressOf(oldest);
      this.leave(oldestKey, oldestAddress);
      oldest.destroy();
      this.noteDropped(oldestAddress, `${this.limits.total} connections were waiting to complete a handshake: the oldest made room`);
    }
    this.byAddress.set(address, held + 1);
    const key = keyOf(socket);
    this.pending.set(key, socket);
    socket.once('close', () => this.leave(key, address));
    return true;
  }

  /** The socket (or the TLS socket over it) became a charger: it no longer counts against the caps. */
  admitted(socket: Remote): void {
    this.leave(keyOf(socket), addressOf(socket));
  }

  get waiting(): number {
    return this.pending.size;
  }

  private leave(key: string, address: string): void {
    if (!this.pending.delete(key)) return;
    const left = (this.byAddress.get(address) ?? 1) - 1;
    if (left <= 0) this.byAddress.delete(address);
    else this.byAddress.set(address, left);
  }

  private noteDropped(address: string, reason: string): void {
    this.dropped.set(address, (this.dropped.get(address) ?? 0) + 1);
    if (this.now() - this.lastReport < 60_000 && this.lastReport !== 0) return;
    this.lastReport = this.now();
    for (const [from, count] of this.dropped) this.onDropped(from, count, from === address ? reason : 'connection limit');
    this.dropped.clear();
  }
}

type Remote = { remoteAddress?: string | undefined; remotePort?: number | undefined };

/** The peer's address, an IPv4 one without its IPv6 mapping. */
function addressOf(socket: Remote): string {
  return (socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

function keyOf(socket: Remote): string {
  return `${addressOf(socket)}:${socket.remotePort ?? 0}`;
}
