/**
 * core.heartbeat as OCPP 1.6 §4.6 says: a charger may skip its Heartbeat when it sent another
 * message within the interval. Judged on recorded traffic (receive times), the same before a run
 * (the live view) and in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChargerModelBuilder } from '../charger/fold.ts';
import { chargerView } from '../charger/view.ts';
import type { SessionRecord } from '../store/records.ts';
import { DEFAULT_PASSIVE, coreHeartbeat } from './passive.ts';

const T0 = Date.parse('2026-12-01T08:00:00.000Z');

/** A charger's session made up second by second: connects, boots (interval given), then what each test says. */
class Session {
  readonly builder = new ChargerModelBuilder('HB1');
  private seq = 0;
  private ids = 0;

  private record(s: number, body: Record<string, unknown>): void {
    this.builder.fold({ seq: ++this.seq, at: new Date(T0 + s * 1000).toISOString(), charger: 'HB1', leg: 'charger', ...body } as unknown as SessionRecord);
  }

  connect(s: number): this {
    this.record(s, {
      t: 'event',
      event: {
        kind: 'connected',
        scheme: 'wss',
        remote: '10.0.0.9:5000',
        local: '10.0.0.1:8443',
        path: '/ocpp/HB1',
        subprotocol: 'ocpp1.6',
        tls: null,
        auth: { scheme: 'basic', user: 'HB1', passwordLength: 8, accepted: 'password' },
        hints: [],
      },
    });
    return this;
  }

  disconnect(s: number, by: 'charger' | 'central'): this {
    this.record(s, { t: 'event', event: { kind: 'disconnected', code: 1006, reason: '', by, connectedMs: 0 } });
    return this;
  }

  /** A CALL from the charger (and our answer a moment later, in the same second). */
  call(s: number, action: string, payload: Record<string, unknown>, answer: Record<string, unknown> = {}): this {
    const id = String(++this.ids);
    this.record(s, { t: 'frame', dir: 'rx', type: 2, id, action, raw: JSON.stringify([2, id, action, payload]), issues: [] });
    this.record(s, { t: 'frame', dir: 'tx', type: 3, id, action, raw: JSON.stringify([3, id, answer]), issues: [] });
    return this;
  }

  boot(s: number, intervalS: number): this {
    return this.call(
      s,
      'BootNotification',
      { chargePointVendor: 'Acme', chargePointModel: 'W1' },
      { status: 'Accepted', currentTime: new Date(T0).toISOString(), interval: intervalS },
    );
  }

  meterValues(from: number, to: number, every: number): this {
    for (let s = from; s <= to; s += every)
      this.call(s, 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: new Date(T0 + s * 1000).toISOString(), sampledValue: [{ value: String(s) }] }] });
    return this;
  }

  judge(atS: number) {
    return coreHeartbeat(this.builder.model, { ...DEFAULT_PASSIVE, now: T0 + atS * 1000 });
  }
}

test('no Heartbeat at all, but a MeterValues every 5 s against an interval of 10 s: passes (§4.6)', () => {
  const s = new Session().connect(0).boot(1, 10).meterValues(5, 60, 5);
  const finding = s.judge(62);
  assert.equal(finding.verdict, 'pass', finding.reason);
  assert.match(finding.reason, /never silent for longer than the heartbeat interval \(10 s \+ 20 %\): 0 Heartbeats, longest gap between messages 5 s/);
  assert.equal(chargerView('HB1', s.builder.model).heartbeat.lateCount, 0);
});

test('a whole interval (+20 %) with nothing from the charger fails, and says how long', () => {
  const s = new Session().connect(0).boot(1, 10).meterValues(5, 30, 5).meterValues(45, 60, 5);
  const finding = s.judge(62);
  assert.equal(finding.verdict, 'fail');
  assert.match(finding.reason, /nothing came from the charger for 15 s, neither a Heartbeat nor another message \(interval 10 s \+ 20 %\)/);
  assert.equal(chargerView('HB1', s.builder.model).heartbeat.lateCount, 1);
  // 12 s exactly is still within the interval + 20 %.
  assert.equal(new Session().connect(0).boot(1, 10).meterValues(13, 60, 12).judge(61).verdict, 'pass');
});

test('silence up to the end of a connection counts; an open connection that falls silent fails as it goes', () => {
  const closed = new Session().connect(0).boot(1, 10).meterValues(5, 20, 5).disconnect(40, 'charger');
  assert.match(closed.judge(41).reason, /nothing came from the charger for 20 s/);
  const open = new Session().connect(0).boot(1, 10).meterValues(5, 20, 5);
  assert.equal(open.judge(31).verdict, 'pass', 'eleven seconds of silence is within 12');
  assert.equal(open.judge(33).verdict, 'fail');
  assert.match(open.judge(33).reason, /nothing has come from the charger for 13 s/);
});

test('right after a Reset the new connection is judged on its own: no stale "silent" from before', () => {
  // Heartbeats every 10 s on the first connection, the charger resets at 100 s and is back and booted at 181 s.
  const s = new Session().connect(0).boot(1, 10);
  for (let t = 10; t <= 100; t += 10) s.call(t, 'Heartbeat', {}, { currentTime: new Date(T0 + t * 1000).toISOString() });
  s.disconnect(101, 'charger').connect(180).boot(181, 10);
  const finding = s.judge(184);
  assert.equal(finding.verdict, 'pass', finding.reason);
  assert.match(finding.reason, /10 Heartbeats/);
});

test('not watched a whole interval yet: not judged, and it says how long it needs', () => {
  const finding = new Session().connect(0).boot(1, 60).judge(30);
  assert.equal(finding.verdict, 'skip');
  assert.match(finding.reason, /watched for 29 s after the BootNotification; one heartbeat interval \+ 20 % \(72 s\) is needed to judge/);
});
