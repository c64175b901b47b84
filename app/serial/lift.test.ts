/**
 * The lifter against a corpus of console-log styles seen on chargers: each style gives exactly the
 * frames it holds, with the direction the line states, and nothing is invented from truncated or
 * foreign arrays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liftAll } from './lift.ts';

const boot = '[2,"b1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]';
const bootAnswer = '[3,"b1",{"status":"Accepted","currentTime":"2024-05-01T10:00:00.000Z","interval":300}]';
const status = '[2,"s1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]';
const remoteStart = '[2,"r1","RemoteStartTransaction",{"idTag":"TAG"}]';

interface Case {
  readonly style: string;
  readonly log: string;
  readonly frames: readonly { raw: string; dir: 'rx' | 'tx'; from?: string }[];
  readonly dropped?: number;
}

const CORPUS: readonly Case[] = [
  {
    style: 'bare frames, one a line',
    log: `${boot}\n${bootAnswer}`,
    frames: [
      { raw: boot, dir: 'rx', from: 'action' },
      { raw: bootAnswer, dir: 'tx', from: 'answer' },
    ],
  },
  {
    style: 'ISO timestamp and TX:/RX: tags',
    log: `2024-05-01T10:00:00.123Z [ocpp] TX: ${boot}\n2024-05-01T10:00:00.245Z [ocpp] RX: ${bootAnswer}`,
    frames: [
      { raw: boot, dir: 'rx', from: 'line' },
      { raw: bootAnswer, dir: 'tx', from: 'line' },
    ],
  },
  {
    style: '<< and >> arrows',
    log: `<< ${remoteStart}\n>> [3,"r1",{"status":"Accepted"}]`,
    frames: [
      { raw: remoteStart, dir: 'tx', from: 'line' },
      { raw: '[3,"r1",{"status":"Accepted"}]', dir: 'rx', from: 'line' },
    ],
  },
  {
    style: 'send:/recv: with a space-separated date',
    log: `2024-05-01 10:00:01.5 ws send: ${status}\n2024-05-01 10:00:01.6 ws recv: [3,"s1",{}]`,
    frames: [
      { raw: status, dir: 'rx', from: 'line' },
      { raw: '[3,"s1",{}]', dir: 'tx', from: 'line' },
    ],
  },
  {
    style: 'ESP-IDF logger with ANSI colours',
    log: `\x1b[0;32mI (123456) ocpp: Sending: ${boot}\x1b[0m\n\x1b[0;32mI (123501) ocpp: Received: ${bootAnswer}\x1b[0m`,
    frames: [
      { raw: boot, dir: 'rx', from: 'line' },
      { raw: bootAnswer, dir: 'tx', from: 'line' },
    ],
  },
  {
    style: 'bracketed timestamp and level, -> and <- arrows',
    log: `[2024-05-01 10:00:02.000] [info] [OCPP] -> [2,"h1","Heartbeat",{}]\n[2024-05-01 10:00:02.050] [info] [OCPP] <- [3,"h1",{"currentTime":"2024-05-01T10:00:02Z"}]`,
    frames: [
      { raw: '[2,"h1","Heartbeat",{}]', dir: 'rx', from: 'line' },
      { raw: '[3,"h1",{"currentTime":"2024-05-01T10:00:02Z"}]', dir: 'tx', from: 'line' },
    ],
  },
  {
    style: 'escaped inside a structured (JSON) log line',
    log: `{"ts":"2024-05-01T10:00:03Z","level":"debug","msg":"ocpp outgoing","frame":"[2,\\"h2\\",\\"Heartbeat\\",{}]"}`,
    frames: [{ raw: '[2,"h2","Heartbeat",{}]', dir: 'rx', from: 'line' }],
  },
  {
    style: 'pretty-printed over several lines after "sending:"',
    log: [
      '2024-05-01 10:00:04 DEBUG sending:',
      '[',
      '  2,',
      '  "s2",',
      '  "StatusNotification",',
      '  {',
      '    "connectorId": 1,',
      '    "errorCode": "NoError",',
      '    "status": "Charging"',
      '  }',
      ']',
      '2024-05-01 10:00:04 DEBUG done',
    ].join('\n'),
    frames: [
      {
        raw: '[\n  2,\n  "s2",\n  "StatusNotification",\n  {\n    "connectorId": 1,\n    "errorCode": "NoError",\n    "status": "Charging"\n  }\n]',
        dir: 'rx',
        from: 'line',
      },
    ],
  },
  {
    style: 'one long frame split into chunks that repeat the prefix',
    log: 'E (1000) ocpp: TX: [2,"m1","MeterValues",{"connectorId":1,"transactionId":7,"meterValue":[{"timestamp":"2024-05-01T10:00:00Z","sampledValue":[{"value":"1234\nE (1001) ocpp: .5","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]',
    frames: [
      {
        raw: '[2,"m1","MeterValues",{"connectorId":1,"transactionId":7,"meterValue":[{"timestamp":"2024-05-01T10:00:00Z","sampledValue":[{"value":"1234.5","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]',
        dir: 'rx',
        from: 'line',
      },
    ],
  },
  {
    style: 'truncated by the logger with "..."',
    log: `TX: [2,"m2","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2024-05-...\nRX: [3,"m2",{}]`,
    frames: [{ raw: '[3,"m2",{}]', dir: 'tx', from: 'line' }],
    dropped: 1,
  },
  {
    style: 'truncated without a mark, the next frame still found',
    log: `12:00:01 TX: [2,"m3","MeterValues",{"connectorId":1,"meterValue":[{"times\n12:00:02 wifi rssi -61\n12:00:03 TX: [2,"h3","Heartbeat",{}]`,
    frames: [{ raw: '[2,"h3","Heartbeat",{}]', dir: 'rx', from: 'line' }],
    dropped: 1,
  },
  {
    style: 'two frames on one line, each with its own arrow',
    log: `RX: [3,"x1",{}] TX: [2,"x2","Heartbeat",{}]`,
    frames: [
      { raw: '[3,"x1",{}]', dir: 'tx', from: 'line' },
      { raw: '[2,"x2","Heartbeat",{}]', dir: 'rx', from: 'line' },
    ],
  },
  {
    style: 'arrays that are not OCPP-J',
    log: 'adc=[2, 3, 4]\nlist [3,"only two"]\nweird [4,"e1","NotAFrame"]\nboot reason [2,"x"]',
    frames: [],
    dropped: 3,
  },
  {
    style: 'a CALLERROR answer paired by id',
    log: `recv: ${remoteStart}\n[4,"r1","NotSupported","no",{}]`,
    frames: [
      { raw: remoteStart, dir: 'tx', from: 'line' },
      { raw: '[4,"r1","NotSupported","no",{}]', dir: 'rx', from: 'answer' },
    ],
  },
];

for (const c of CORPUS) {
  test(`lift: ${c.style}`, () => {
    const { frames, stats } = liftAll(c.log);
    assert.deepEqual(
      frames.map((f) => ({ raw: f.raw, dir: f.dir, ...(c.frames.some((e) => e.from) ? { from: f.directionFrom } : {}) })),
      c.frames.map((e) => ({ raw: e.raw, dir: e.dir, ...(c.frames.some((x) => x.from) ? { from: e.from } : {}) })),
    );
    assert.equal(stats.dropped, c.dropped ?? 0, 'frames that could not be lifted are counted, not invented');
  });
}

test('lift: the printed time is kept where the line carries a full date and time', () => {
  const { frames } = liftAll(`2024-05-01T10:00:00.123Z TX: ${boot}\n10:00:01 TX: [2,"h9","Heartbeat",{}]`);
  assert.equal(frames[0]!.printedAt, Date.parse('2024-05-01T10:00:00.123Z'));
  assert.equal(frames[1]!.printedAt, null, 'a time of day alone is not a date');
  assert.deepEqual(
    frames.map((f) => f.line),
    [1, 2],
  );
});
