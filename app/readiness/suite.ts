/**
 * The readiness suite: waits for the charger, exercises it step by step (configuration, triggers,
 * smart charging, a transaction, a reconnect, firmware when in scope), judges everything the model
 * shows, and always leaves the charger as the platform expects it, also on failure, timeout or cancel.
 */
import { cleanupReport, type CleanupReport, type ReadinessReport } from './report.ts';
import { CATALOGUE, finalise, isRequired, skip, type Finding } from './catalogue.ts';
import { overallVerdict } from './verdict.ts';
import type { SuiteDriver } from './driver.ts';
import { passiveFindings } from './passive.ts';
import { SuiteCancelled, SuiteSession, statusOf, type SuiteProgress } from './session.ts';
import { PLATFORM_SAMPLE_INTERVAL, PLATFORM_SAMPLED_DATA, confirmSampledData, setSampleInterval, setSampledData } from './steps/config.ts';
import { withPlatformMeasurands } from '../charger/sampled-data.ts';
import { updateFirmware } from './steps/firmware.ts';
import { uploadDiagnostics } from './steps/diagnostics.ts';
import type { SchemeChoice } from './steps/transfer-schemes.ts';
import { MAX_PROFILE_ID, TX_PROFILE_ID, clearProfile, exerciseLimits, setLimit, type Limiter } from './steps/smart.ts';
import { ensureTransaction, stopTransaction } from './steps/transaction.ts';
import { triggerBoot, triggerStatus } from './steps/trigger.ts';
import { observeConnection } from './steps/observe.ts';
import { isMessage, joined, msg, render, type Message } from '../lib/message.ts';

export interface SuiteOptions {
  /** MeterValueSampleInterval while measuring (s); the platform's 60 is restored afterwards. */
  readonly sampleIntervalS: number;
  /** How long to wait for the charger to connect, and for each physical action (s). */
  readonly connectTimeoutS: number;
  readonly physicalTimeoutS: number;
  readonly firmware?: { readonly name: string; readonly content: Buffer };
  readonly firmwareTimeoutS?: number;
  /** How the firmware travels: HTTP, FTP, or (default) the charger's preference with the other as fall-back. */
  readonly firmwareScheme?: SchemeChoice;
  /** The diagnostics.upload check: off with false; its scheme (default auto: the charger's preference, FTP where it does not say). */
  readonly diagnostics?: false | { readonly scheme?: SchemeChoice; readonly timeoutS?: number };
  readonly triggerWithinS?: number;
  /** No status change for this long before a StatusNotification is triggered (s, default 3). */
  readonly settleS?: number;
  readonly reconnectWithinS?: number;
  readonly keepaliveIdleS?: number;
  /** Extra time on top of "two sample intervals" for the reading to travel (s). */
  readonly graceS?: number;
  /** A plugged-in car that has not started after this long is started with RemoteStartTransaction (s). */
  readonly remoteStartAfterS?: number;
  readonly idTag?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SuiteProgress) => void;
}

export type { CleanupReport, ReadinessReport } from './report.ts';

export async function runSuite(driver: SuiteDriver, options: SuiteOptions): Promise<ReadinessReport> {
  const startedAt = new Date(driver.now()).toISOString();
  const s = new SuiteSession(driver, options.signal, options.onProgress ?? (() => {}));
  const active = new Map<string, Finding>();
  const firmwareInScope = options.firmware !== undefined;
  const set = (id: string, finding: Finding) => {
    active.set(id, finding);
    s.progress({
      kind: 'verdict',
      result: {
        id,
        required: isRequired(
          CATALOGUE.find((c) => c.id === id)!,
          firmwareInScope,
        ),
        ...finding,
      },
    });
  };
  /**
   * A step that fails on the app's side (a file server that cannot start, a disk that refuses) leaves
   * its checks not judged with the reason, and the run goes on: nothing of the app's doing counts
   * against the charger, and the run always ends with its report.
   */
  const guarded = async (ids: readonly string[], body: () => Promise<void>) => {
    try {
      await body();
    } catch (err) {
      if (err instanceof SuiteCancelled || err instanceof NotConnected) throw err;
      const why = msg`the app could not run this step (${errorText(err)}): run the check again, or report it with the session`;
      s.step('error', why);
      for (const id of ids) if (!active.has(id)) set(id, skip(why));
    }
  };
  const intervalMs = options.sampleIntervalS * 1000;
  const graceMs = (options.graceS ?? 5) * 1000;
  const windowMs = 2 * intervalMs + graceMs;
  let cancelled = false;
  const profilesSet: number[] = [];
  let configTouched = false;
  let cleanup: CleanupReport = cleanupReport(true, [], null);
  let notConnected: Message | null = null;
  let stopped: Message | null = null;
  let sampled: Awaited<ReturnType<typeof setSampledData>> | null = null;
  /** The charger's sampled data and its maximum before the run changed them (null: not read). */
  let before: SampledBefore = null;

  try {
    s.step('connect', msg`waiting for ${driver.chargerId} to connect`);
    const connected = await waitForBoot(s, options.connectTimeoutS * 1000);
    if (!connected) {
      notConnected = driver.connected()
        ? msg`connected, but no accepted BootNotification within ${options.connectTimeoutS} s`
        : msg`${driver.chargerId} did not connect within ${options.connectTimeoutS} s`;
      throw new NotConnected();
    }

    await guarded(['config.sample-interval', 'config.sampled-data'], async () => {
      s.step('configuration', msg`reading the configuration`);
      await s.call('GetConfiguration', {});
      // What the charger samples now is put back beside the platform's measurands at the end: nothing it sent goes silently.
      const keys = s.model.configuration?.keys ?? [];
      const value = (name: string) => keys.find((k) => k.key.toLowerCase() === name.toLowerCase())?.value ?? null;
      before = { sampledData: value('MeterValuesSampledData'), maxLength: Number(value('MeterValuesSampledDataMaxLength')) || null };
      s.step('config.sample-interval', msg`MeterValueSampleInterval=${PLATFORM_SAMPLE_INTERVAL}`);
      configTouched = true;
      set('config.sample-interval', (await setSampleInterval(s)).finding);
      s.step('config.sampled-data', msg`MeterValuesSampledData=${PLATFORM_SAMPLED_DATA}`);
      sampled = await setSampledData(s);
      set('config.sampled-data', sampled.finding);
    });

    const triggerMs = (options.triggerWithinS ?? 30) * 1000;
    const timing = { withinMs: triggerMs, settleMs: (options.settleS ?? 3) * 1000 };
    await guarded(['trigger.status', 'trigger.boot'], async () => {
      s.step('trigger.status', msg`TriggerMessage StatusNotification, once the charger has settled`);
      set('trigger.status', await triggerStatus(s, timing));
      s.step('trigger.boot', msg`TriggerMessage BootNotification`);
      set('trigger.boot', await triggerBoot(s, timing));
    });

    const maxLimiter: Limiter = { purpose: 'ChargePointMaxProfile', id: MAX_PROFILE_ID, connectorId: 0 };
    let maxAccepted = false;
    await guarded(['smart.max-profile'], async () => {
      s.step('smart.max-profile', msg`SetChargingProfile ChargePointMaxProfile on connector 0`);
      profilesSet.push(MAX_PROFILE_ID);
      // 32 A per phase: accepted or not, it limits nothing on a domestic charger; cleared right after.
      const max = await setLimit(s, maxLimiter, 32);
      maxAccepted = max.accepted;
      set('smart.max-profile', max.finding);
      await clearProfile(s, MAX_PROFILE_ID);
    });

    await guarded(['smart.tx-profile', 'smart.off', 'smart.on', 'smart.limit'], async () => {
      if (String(options.sampleIntervalS) !== PLATFORM_SAMPLE_INTERVAL) {
        s.step('measure', msg`MeterValueSampleInterval=${options.sampleIntervalS} while measuring`);
        configTouched = true;
        await s.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: String(options.sampleIntervalS) });
      }
      const charging = await ensureTransaction(s, {
        timeoutMs: options.physicalTimeoutS * 1000,
        remoteStartAfterMs: (options.remoteStartAfterS ?? 10) * 1000,
        idTag: options.idTag ?? 'FIELDKIT',
        flowWithinMs: windowMs + 30_000,
      });
      if (isMessage(charging)) {
        for (const id of ['smart.tx-profile', 'smart.off', 'smart.on', 'smart.limit']) set(id, skip(charging));
        return;
      }
      const { tx, flowingSeq } = charging;
      s.step('smart.tx-profile', msg`SetChargingProfile TxProfile for transaction ${tx.transactionId}`);
      const txLimiter: Limiter = { purpose: 'TxProfile', id: TX_PROFILE_ID, connectorId: tx.connectorId, transactionId: tx.transactionId! };
      profilesSet.push(TX_PROFILE_ID);
      // Accepted or not is the check; a limit at the charger's rating changes nothing yet.
      const txAccepted = await setLimit(s, txLimiter, 32);
      set('smart.tx-profile', txAccepted.finding);
      const limiter = txAccepted.accepted ? txLimiter : maxAccepted ? maxLimiter : null;
      if (!limiter) {
        for (const id of ['smart.off', 'smart.on', 'smart.limit'])
          set(id, skip(msg`neither a TxProfile nor a ChargePointMaxProfile was accepted, so no limit could be set`));
      } else if (flowingSeq === null) {
        for (const id of ['smart.off', 'smart.on', 'smart.limit']) set(id, skip(msg`the car did not draw power: is it full, or waiting for its own schedule?`));
      } else {
        const limits = await exerciseLimits(s, tx, limiter, flowingSeq, windowMs);
        set('smart.limit', limits.limit);
        set('smart.off', limits.off);
        set('smart.on', limits.on);
      }
      // A few samples under no limit, then the end of the transaction (meterStop).
      await stopTransaction(s, tx, triggerMs);
    });

    // Heartbeats and keep-alive are judged on what was watched: watch long enough before closing.
    const keepaliveMs = (options.keepaliveIdleS ?? 60) * 1000;
    await guarded([], async () => {
      s.step('observe', msg`watching the connection for a heartbeat and ${Math.round(keepaliveMs / 1000)} s of keep-alive before the reconnect test`);
      await observeConnection(s, { keepaliveMs, graceMs });
      s.step('connectivity.reconnect', msg`closing the connection; the charger should reconnect`);
      const before = s.model.connections.length;
      driver.disconnect('readiness check: testing reconnection');
      await s.waitFor(() => s.model.connections.length > before && driver.connected(), (options.reconnectWithinS ?? 120) * 1000);
      await waitForBoot(s, triggerMs);
    });

    if (options.diagnostics !== false) {
      const diagnostics = options.diagnostics;
      await guarded(['diagnostics.upload'], async () => {
        s.step('diagnostics.upload', msg`GetDiagnostics: a file should arrive at the app`);
        set('diagnostics.upload', await uploadDiagnostics(s, (diagnostics?.timeoutS ?? 120) * 1000, diagnostics?.scheme ?? 'auto'));
      });
    }

    const firmware = options.firmware;
    if (firmware) {
      await guarded(['firmware.update'], async () => {
        s.step('firmware.update', msg`UpdateFirmware with ${firmware.name} from the app's file server`);
        set('firmware.update', await updateFirmware(s, firmware, (options.firmwareTimeoutS ?? 600) * 1000, options.firmwareScheme ?? 'auto'));
        // Installed is followed by a reboot: wait for the new boot before restoring anything.
        const installed = s.model.firmwareStatus.at(-1)?.seq ?? s.model.lastSeq;
        await s.waitFor(() => driver.connected() && s.model.boots.find((b) => b.seq > installed && b.answer), (options.reconnectWithinS ?? 120) * 1000);
      });
    }
    const applied = sampled as Awaited<ReturnType<typeof setSampledData>> | null;
    if (applied) set('config.sampled-data', confirmSampledData(s, applied.finding, applied.appliedSeq));
  } catch (err) {
    if (err instanceof SuiteCancelled) cancelled = true;
    else if (!(err instanceof NotConnected))
      stopped = msg`the run stopped on an error of the app (${errorText(err)}): run the check again, or report it with the session`;
  } finally {
    if (configTouched || profilesSet.length > 0) cleanup = await restoreSafely(driver, profilesSet, options, cancelled, before);
  }

  // A charger that never got through TLS never said who it is: show what the listener refused meanwhile.
  const stray =
    s.model.connections.length === 0 && s.model.refusals.length === 0
      ? driver.strayRefusals(Date.parse(startedAt)).map((r) => {
          const said = msg`${r.said ?? r.reason} (an unidentified client, refused before it could name itself)`;
          return { ...r, reason: render(said), said };
        })
      : [];
  const judged = stray.length > 0 ? { ...s.model, refusals: [...s.model.refusals, ...stray] } : s.model;
  const passive = passiveFindings(judged, {
    now: driver.now(),
    firmwareInScope,
    keepaliveIdleMs: (options.keepaliveIdleS ?? 60) * 1000,
    reconnectWithinMs: (options.reconnectWithinS ?? 120) * 1000,
  });
  // Every check neither the model nor a step judged says why it was not run.
  const why = notConnected ?? stopped ?? (cancelled ? msg`the suite was cancelled before this step: run the check again` : msg`not exercised in this run`);
  for (const { id } of CATALOGUE) {
    if (passive.has(id) || active.has(id)) continue;
    active.set(
      id,
      id === 'firmware.update' && !firmwareInScope
        ? skip(msg`firmware is not in scope (no --firmware file given)`)
        : id === 'diagnostics.upload' && options.diagnostics === false
          ? skip(msg`diagnostics were not asked for in this run`)
          : skip(why),
    );
  }
  const findings = new Map([...passive, ...active]);
  const checks = finalise(findings, firmwareInScope);
  const { verdict, failed, notJudged } = overallVerdict(checks, { cancelled });
  const c = s.model.connections.at(-1);
  const report: ReadinessReport = {
    charger: driver.chargerId,
    verdict,
    ready: verdict === 'ready',
    failed,
    notJudged,
    startedAt,
    finishedAt: new Date(driver.now()).toISOString(),
    cancelled,
    identity: s.model.identity,
    connection: c ? { scheme: c.scheme, remote: c.remote, tls: c.tls ? `${c.tls.version ?? '?'} ${c.tls.cipher ?? '?'}` : null } : null,
    checks,
    cleanup,
  };
  s.progress({ kind: 'finished', ready: report.ready, verdict, report });
  return report;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

class NotConnected extends Error {}

/** Connected and booted on the current connection; false after ms. */
async function waitForBoot(s: SuiteSession, ms: number): Promise<boolean> {
  return (await s.waitFor(() => s.driver.connected() && s.model.boots.some((b) => b.answer && b.connection === s.model.connections.length - 1), ms)) === true;
}

/** What the charger sampled before the run (null when it could not be read): the clean-up keeps it. */
type SampledBefore = { readonly sampledData: string | null; readonly maxLength: number | null } | null;

/** The clean-up never throws: whatever fails there is said in the report, which is always written. */
async function restoreSafely(
  driver: SuiteDriver,
  profileIds: number[],
  options: SuiteOptions,
  cancelled: boolean,
  before: SampledBefore,
): Promise<CleanupReport> {
  try {
    return await restore(driver, profileIds, options, cancelled, before);
  } catch (err) {
    return cleanupReport(
      false,
      [],
      msg`the clean-up stopped on an error of the app (${errorText(err)}): check MeterValueSampleInterval, MeterValuesSampledData and charging profiles ${profileIds.join(', ')} by hand`,
    );
  }
}

/**
 * Puts back what the platform expects: its sampled data and interval, and none of our profiles.
 * Runs after cancel too (without the cancel signal, so it is not cut short); waits a while for a
 * charger that is reconnecting.
 */
async function restore(driver: SuiteDriver, profileIds: number[], options: SuiteOptions, cancelled: boolean, before: SampledBefore): Promise<CleanupReport> {
  // The platform's measurands together with those the charger sampled before the run, within its maximum.
  const sampled = withPlatformMeasurands(PLATFORM_SAMPLED_DATA, before?.sampledData, before?.maxLength);
  const cleanupSession = new SuiteSession(driver, undefined, options.onProgress ?? (() => {}));
  cleanupSession.step('cleanup', msg`restoring the platform configuration and clearing test profiles`);
  const waitMs = cancelled ? 15_000 : (options.reconnectWithinS ?? 120) * 1000;
  if (!driver.connected()) await cleanupSession.waitFor(() => driver.connected(), waitMs);
  if (!driver.connected()) {
    return cleanupReport(
      false,
      [],
      msg`the charger was offline; set MeterValueSampleInterval=${PLATFORM_SAMPLE_INTERVAL} and MeterValuesSampledData=${sampled.value} and clear charging profiles ${profileIds.join(', ')} when it is back`,
    );
  }
  const actions: Message[] = [];
  const problems: Message[] = [];
  // A call lost to a dropped connection is sent again once the charger is back.
  const call = async (action: string, payload: Record<string, unknown>) => {
    let outcome = await cleanupSession.call(action, payload);
    if (!outcome.result.ok && (outcome.result.kind === 'aborted' || outcome.result.kind === 'refused')) {
      await cleanupSession.sleep(500);
      await cleanupSession.waitFor(() => driver.connected(), waitMs);
      outcome = await cleanupSession.call(action, payload);
    }
    return outcome;
  };
  for (const id of profileIds) {
    const { result } = await call('ClearChargingProfile', { id });
    const status = result.ok ? String(statusOf(result)) : result.kind;
    // "Unknown" is the charger saying there was no such profile left: already gone, nothing wrong.
    actions.push(
      status === 'Accepted'
        ? msg`ClearChargingProfile id ${id}: Accepted (removed)`
        : status === 'Unknown'
          ? msg`ClearChargingProfile id ${id}: Unknown (nothing left to clear: already removed)`
          : msg`ClearChargingProfile id ${id}: ${status}`,
    );
    if (!result.ok) problems.push(msg`profile ${id} may still be installed`);
  }
  for (const [key, value] of [
    ['MeterValueSampleInterval', PLATFORM_SAMPLE_INTERVAL],
    ['MeterValuesSampledData', sampled.value],
  ] as const) {
    const { result } = await call('ChangeConfiguration', { key, value });
    const status = result.ok ? String(statusOf(result)) : result.kind;
    actions.push(msg`ChangeConfiguration ${key}=${value}: ${status}`);
    if (!result.ok) problems.push(msg`${key} was not restored (${status})`);
  }
  if (sampled.kept.length > 0) actions.push(msg`kept what the charger sampled before the check: ${sampled.kept.join(', ')}`);
  if (sampled.dropped.length > 0)
    actions.push(
      msg`${sampled.dropped.join(', ')} no longer sampled: MeterValuesSampledDataMaxLength is ${before?.maxLength}, and the platform's measurands come first`,
    );
  if (before === null) actions.push(msg`the sampled data before the check was not read: only the platform measurands are set`);
  return cleanupReport(problems.length === 0, actions, problems.length > 0 ? joined('; ', problems) : null);
}
