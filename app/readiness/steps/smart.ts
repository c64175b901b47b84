/**
 * Smart charging: is a TxProfile / ChargePointMaxProfile accepted, and does a limit actually govern
 * the power: a mid limit honoured, a limit of 0 stopping the car with a Suspended status, and power
 * coming back when the limit is lifted, each within two sample intervals.
 */
import type { MeterSample, TransactionModel } from '../../charger/model.ts';
import { fail, pass, saidOf, skip, type Finding } from '../catalogue.ts';
import { msg } from '../../lib/message.ts';
import { FLOW_W, powerOf, samplesAfter } from '../passive.ts';
import { callEvidence, callFailure, statusOf, type SuiteSession } from '../session.ts';

export const MAX_PROFILE_ID = 9901;
export const TX_PROFILE_ID = 9902;
const STACK_LEVEL = 1;
const MIN_CURRENT_A = 6;

export type Limiter = {
  readonly purpose: 'TxProfile' | 'ChargePointMaxProfile';
  readonly id: number;
  readonly connectorId: number;
  readonly transactionId?: number;
};

function profile(limiter: Limiter, limitA: number, startedAt: number) {
  return {
    connectorId: limiter.connectorId,
    csChargingProfiles: {
      chargingProfileId: limiter.id,
      ...(limiter.transactionId !== undefined ? { transactionId: limiter.transactionId } : {}),
      stackLevel: STACK_LEVEL,
      chargingProfilePurpose: limiter.purpose,
      chargingProfileKind: 'Absolute',
      chargingSchedule: {
        // A minute in the past, so a charger whose clock is a little behind still applies it now.
        startSchedule: new Date(startedAt - 60_000).toISOString(),
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [{ startPeriod: 0, limit: limitA }],
      },
    },
  };
}

export async function setLimit(s: SuiteSession, limiter: Limiter, limitA: number): Promise<{ accepted: boolean; finding: Finding; answerSeq: number }> {
  const { result, record } = await s.call('SetChargingProfile', profile(limiter, limitA, s.driver.now()));
  const evidence = callEvidence(record);
  const answerSeq = record?.answer?.seq ?? s.model.lastSeq;
  if (!result.ok) return { accepted: false, finding: fail(callFailure('SetChargingProfile', result), evidence), answerSeq };
  const status = statusOf(result);
  const where = limiter.purpose === 'TxProfile' ? msg`during a transaction` : msg`on connector 0`;
  if (status !== 'Accepted') return { accepted: false, finding: fail(msg`SetChargingProfile ${limiter.purpose} ${where} was ${status}`, evidence), answerSeq };
  return { accepted: true, finding: pass(msg`SetChargingProfile ${limiter.purpose} (${limitA} A) ${where} Accepted`, evidence), answerSeq };
}

export async function clearProfile(s: SuiteSession, id: number): Promise<{ ok: boolean; answerSeq: number }> {
  const { result, record } = await s.call('ClearChargingProfile', { id });
  return { ok: result.ok, answerSeq: record?.answer?.seq ?? s.model.lastSeq };
}

/**
 * The highest per-phase current of a sample; from measured power when the charger sends no current.
 * Not from the energy register: its whole-Wh steps are too coarse to judge a limit within 10 %.
 */
export function phaseCurrent(x: MeterSample): number | null {
  const currents = x.currentA.filter((a): a is number => a !== null);
  if (currents.length > 0) return Math.max(...currents);
  const power = x.powerW;
  if (power === null) return null;
  const phases = Math.max(1, x.voltageV.filter((v) => v !== null).length || 3);
  return power / (230 * phases);
}

const samplesOf = (s: SuiteSession, tx: TransactionModel, afterSeq: number) =>
  samplesAfter(s.model, afterSeq).filter((x) => x.transactionId === tx.transactionId && x.context === 'Sample.Periodic');

export interface LimitFindings {
  readonly limit: Finding;
  readonly off: Finding;
  readonly on: Finding;
}

/** Mid limit, then 0, then lifted, on whichever profile purpose the charger accepted. */
export async function exerciseLimits(s: SuiteSession, tx: TransactionModel, limiter: Limiter, flowingSeq: number, windowMs: number): Promise<LimitFindings> {
  const flowing = samplesAfter(s.model, flowingSeq - 1).find((x) => x.seq === flowingSeq);
  const before = flowing ? (powerOf(flowing) ?? 0) : 0;
  const observedA = flowing ? phaseCurrent(flowing) : null;

  // A mid limit: half of what the car draws, not below the 6 A a car needs.
  let limit: Finding = skip(msg`the car drew too little current to test a lower limit`);
  if (observedA !== null && observedA >= MIN_CURRENT_A + 2) {
    const mid = Math.max(MIN_CURRENT_A, Math.floor(observedA / 2));
    s.step('smart.limit', msg`limiting to ${mid} A (the car draws ${observedA.toFixed(1)} A)`);
    const set = await setLimit(s, limiter, mid);
    if (!set.accepted) limit = skip(msg`the ${mid} A profile was not accepted: ${saidOf(set.finding)}`, set.finding.evidence);
    else {
      const honoured = await s.waitFor(() => samplesOf(s, tx, set.answerSeq).find((x) => (phaseCurrent(x) ?? Infinity) <= mid * 1.1), windowMs);
      const last = samplesOf(s, tx, set.answerSeq).at(-1);
      if (honoured) limit = pass(msg`${phaseCurrent(honoured)!.toFixed(1)} A per phase under a ${mid} A limit`, [...set.finding.evidence, honoured.seq]);
      else if (!last || phaseCurrent(last) === null) limit = skip(msg`no current or power readings arrived under the limit`, set.finding.evidence);
      else
        limit = fail(msg`still ${phaseCurrent(last)!.toFixed(1)} A per phase ${Math.round(windowMs / 1000)} s after a ${mid} A limit was accepted`, [
          ...set.finding.evidence,
          last.seq,
        ]);
    }
  }

  s.step('smart.off', msg`setting a limit of 0 A`);
  const zero = await setLimit(s, limiter, 0);
  let off: Finding;
  let stopped = false;
  if (!zero.accepted) off = fail(msg`a 0 A limit was not accepted: ${saidOf(zero.finding)}`, zero.finding.evidence);
  else {
    const suspendedAfter = () =>
      s.model.connectors.find((c) => c.id === tx.connectorId)?.timeline.find((t) => t.seq > zero.answerSeq && /^Suspended/.test(t.status));
    const stoppedSample = () => samplesOf(s, tx, zero.answerSeq).find((x) => powerOf(x) !== null && powerOf(x)! <= FLOW_W);
    await s.waitFor(() => stoppedSample() && suspendedAfter(), windowMs);
    const sample = stoppedSample();
    const status = suspendedAfter();
    const last = samplesOf(s, tx, zero.answerSeq).at(-1);
    stopped = sample !== undefined;
    const reported = s.model.connectors.find((c) => c.id === tx.connectorId)?.status ?? '?';
    if (sample && status)
      off = pass(msg`power fell to ${Math.round(powerOf(sample)!)} W and the charger reported ${status.status}`, [
        ...zero.finding.evidence,
        sample.seq,
        status.seq,
      ]);
    else if (sample)
      off = fail(msg`power stopped under the 0 A limit but the charger kept reporting ${reported}: it must report SuspendedEVSE`, [
        ...zero.finding.evidence,
        sample.seq,
      ]);
    else if (!last || powerOf(last) === null)
      off = fail(msg`no power or energy readings arrived within ${Math.round(windowMs / 1000)} s of the 0 A limit`, zero.finding.evidence);
    else
      off = fail(
        msg`still ${Math.round(powerOf(last)!)} W ${Math.round(windowMs / 1000)} s after a 0 A limit was accepted: the charger does not apply charging profiles`,
        [...zero.finding.evidence, last.seq],
      );
  }

  s.step('smart.on', msg`lifting the limit (ClearChargingProfile)`);
  const cleared = await clearProfile(s, limiter.id);
  let on: Finding;
  if (!zero.accepted) on = skip(msg`no limit was in force to lift (see smart.off)`);
  else if (!stopped) on = skip(msg`power never stopped under the limit, so its return cannot be judged (see smart.off)`);
  else if (!cleared.ok) on = fail(msg`ClearChargingProfile was not answered`);
  else {
    const threshold = Math.max(FLOW_W, before * 0.25);
    const resumed = await s.waitFor(() => samplesOf(s, tx, cleared.answerSeq).find((x) => (powerOf(x) ?? 0) > threshold), windowMs);
    on = resumed
      ? pass(msg`power back to ${Math.round(powerOf(resumed)!)} W after the limit was lifted`, [cleared.answerSeq, resumed.seq])
      : fail(msg`power did not come back within ${Math.round(windowMs / 1000)} s of lifting the limit (before the limit: ${Math.round(before)} W)`, [
          cleared.answerSeq,
        ]);
  }
  // SuspendedEV is the car's own doing: a car that finished just as the limit came looks the same.
  // Only power coming back when the limit is lifted shows the limit was what stopped it.
  if (off.verdict === 'pass' && /SuspendedEV\b/.test(off.reason) && on.verdict === 'fail') {
    off = fail(
      msg`power stopped with SuspendedEV (the car's side) and did not come back when the limit was lifted: the car may have stopped on its own (full?), so the limit's effect is not shown`,
      off.evidence,
    );
  }
  return { limit, off, on };
}
