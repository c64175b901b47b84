/**
 * Before the suite closes the connection (the reconnect test), it watches it long enough for the two
 * checks that judge a connection over time: core.heartbeat needs one full heartbeat interval (+20 %)
 * after the BootNotification on this connection (OCPP 1.6 §4.6: within it the charger must send a
 * Heartbeat or any other message), connectivity.keepalive needs a connection watched for its idle
 * window. Whatever the charger did by then is what they judge: a charger that sends nothing fails,
 * instead of being closed before it had to send something.
 */
import type { SuiteSession } from '../session.ts';
import { heartbeatLimitMs } from '../../charger/model.ts';

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
  const heartbeatDeadline = boot && intervalS !== null ? boot.at + heartbeatLimitMs(intervalS) + window.graceMs : null;
  const keepaliveDeadline = current.at + window.keepaliveMs + window.graceMs;
  const until = Math.max(heartbeatDeadline ?? 0, keepaliveDeadline);
  // A silence found already decides the heartbeat: no need to watch on for it.
  const silent = () => (m.heartbeats.silences ?? []).length > 0;
  await s.waitFor(
    () => (silent() || heartbeatDeadline === null || s.driver.now() >= heartbeatDeadline) && s.driver.now() >= keepaliveDeadline,
    Math.max(0, until - s.driver.now()),
  );
}
