/**
 * Getting a car to charge (a physical action the installer is asked for, helped by
 * RemoteStartTransaction when the charger waits for authorisation) and ending the transaction.
 */
import type { TransactionModel } from '../../charger/model.ts';
import { FLOW_W, powerOf, samplesAfter } from '../passive.ts';
import type { SuiteSession } from '../session.ts';
import { msg, type Message } from '../../lib/message.ts';

export interface ChargingTransaction {
  readonly tx: TransactionModel;
  /** The latest sample while power flowed (for choosing the mid limit). */
  readonly flowingSeq: number | null;
}

const openTx = (s: SuiteSession) => s.model.transactions.find((t) => !t.stop && t.transactionId !== null);
const plugged = (s: SuiteSession) =>
  s.model.connectors.find((c) => c.id > 0 && (c.status === 'Preparing' || c.status === 'SuspendedEV' || c.status === 'SuspendedEVSE'));

export async function ensureTransaction(
  s: SuiteSession,
  options: { timeoutMs: number; remoteStartAfterMs: number; idTag: string; flowWithinMs: number },
): Promise<ChargingTransaction | Message> {
  let tx = openTx(s);
  if (!tx) {
    // A car left plugged in after the last charge (Finishing) will not start again by itself: say so.
    const finishing = s.model.connectors.find((c) => c.id > 0 && c.status === 'Finishing');
    s.prompt(
      'plug-in',
      finishing
        ? msg`Connector ${finishing.id} is still Finishing (the last car is plugged in): unplug it, plug a car in again and let it charge (start it with its app or card if it asks).`
        : msg`Plug a car into the charger and let it charge (start it with its app or card if it asks).`,
      Math.round(options.timeoutMs / 1000),
    );
    const deadline = s.driver.now() + options.timeoutMs;
    let remoteStarted = false;
    while (!tx) {
      const seen = await s.waitFor(() => openTx(s) ?? (plugged(s) && !remoteStarted ? 'plugged' : undefined), deadline - s.driver.now());
      if (!seen) return msg`no car was plugged in within ${Math.round(options.timeoutMs / 1000)} s: plug in a car and run the check again`;
      if (seen !== 'plugged') {
        tx = seen;
        break;
      }
      // Plugged in: give the charger time to start on its own (free vend, plug and charge) before starting it remotely.
      tx = await s.waitFor(() => openTx(s), options.remoteStartAfterMs);
      if (tx) break;
      const connector = plugged(s);
      if (!connector) continue;
      s.step('remote-start', msg`connector ${connector.id} is plugged in without a transaction: sending RemoteStartTransaction`);
      remoteStarted = true;
      await s.call('RemoteStartTransaction', { connectorId: connector.id, idTag: options.idTag });
    }
    s.promptDone('plug-in', msg`transaction ${tx.transactionId} runs on connector ${tx.connectorId}`);
  }
  const found = tx;
  const flowing = await s.waitFor(
    () =>
      samplesAfter(s.model, found.startSeq).find(
        (x) => x.transactionId === found.transactionId && (powerOf(x) ?? 0) > FLOW_W && x.context === 'Sample.Periodic',
      ),
    options.flowWithinMs,
  );
  return { tx: found, flowingSeq: flowing?.seq ?? null };
}

export async function stopTransaction(s: SuiteSession, tx: TransactionModel, withinMs: number): Promise<void> {
  if (tx.stop) return;
  s.step('stop', msg`ending transaction ${tx.transactionId} with RemoteStopTransaction`);
  await s.call('RemoteStopTransaction', { transactionId: tx.transactionId });
  const stopped = await s.waitFor(() => tx.stop, withinMs);
  if (stopped) return;
  s.prompt('unplug', msg`The charger did not end the transaction remotely: unplug the car.`, Math.round(withinMs / 1000));
  if (await s.waitFor(() => tx.stop, withinMs)) s.promptDone('unplug', msg`the transaction ended`);
}
