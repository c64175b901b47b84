/**
 * Before the suite closes the connection (the reconnect test), it watches it long enough for the two
 * checks that judge a connection over time: core.heartbeat needs one full heartbeat interval (+20 %)
 * after the BootNotification on this connection, connectivity.keepalive needs a connection watched
 * for its idle window. Whatever the charger did by then is what they judge: a charger that sends no
 * Heartbeat fails, instead of being closed before it had to send one.
 */
import type { SuiteSession } from '../session.ts';

export interface ObserveWindow {
  /** The load balancer's idle timeout the keep-alive check judges against. */
  readonly keepaliveMs: number;
  /** Time for a message to travel, on top of the heartbeat interval's 20 %. */
  readonly graceMs: number;
}

export async function observeConnection(s: SuiteSession, window: ObserveWindow): Promise<void> {
  const m = s.model;
  const connection = m.connections.length - 1;
  const current = m.connections.at(-1);
  if (!current || current.ended) return;
  const boot = m.boots.filter((b) => b.connection === connection && b.answer).at(-1);
  const intervalS = m.heartbeats.intervalS;
  const heartbeatDeadline = boot && intervalS !== null ? boot.at + intervalS * 1000 * 1.2 + window.graceMs : null;
  const keepaliveDeadline = current.at + window.keepaliveMs + window.graceMs;
  const until = Math.max(heartbeatDeadline ?? 0, keepaliveDeadline);
  const heartbeatSeen = () => boot !== undefined && s.model.heartbeats.gaps.some((g) => g.toSeq > boot.seq);
  // Done early once a heartbeat was seen and the keep-alive window has passed; never past both deadlines.
  await s.waitFor(() => (heartbeatSeen() || heartbeatDeadline === null) && s.driver.now() >= keepaliveDeadline, Math.max(0, until - s.driver.now()));
}
