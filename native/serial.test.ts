/**
 * The serial console over real pseudo-terminals (socat) through the real serialport package:
 * lines both ways at 115200, binary bytes in hex, an adapter unplugged and plugged back in, a 1 MB
 * burst, and OCPP frames lifted from what the charger prints.
 */
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { NativeSerialPorts } from './serial.ts';
import { SerialConsole, type ConsoleLine } from '../app/serial/console.ts';
import { DEFAULT_SERIAL, type SerialLink } from '../app/serial/port.ts';
import { sessionOpener } from '../app/store/session-store.ts';
import { readSession } from '../app/store/reader.ts';
import { tempDir, until } from '../app/testing/central-fixture.ts';
import { ptyPair, type PtyPair } from '../app/testing/pty-pair.ts';

const ports = new NativeSerialPorts();
let dir: string;
let pty: PtyPair;
let consoleUnderTest: SerialConsole | undefined;
let far: SerialLink | undefined;

before(() => {
  dir = tempDir('fieldkit-serial-');
});
after(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await consoleUnderTest?.close().catch(() => {});
  await far?.close().catch(() => {});
  await pty?.close();
  consoleUnderTest = undefined;
  far = undefined;
});

async function openConsole(name: string): Promise<{ console: SerialConsole; lines: ConsoleLine[]; farReceived: Buffer[] }> {
  pty = await ptyPair(dir, name);
  const session = sessionOpener({ dataDir: dir }, 'serial')(`serial-${name}`);
  consoleUnderTest = new SerialConsole({
    consoleId: name,
    ports,
    path: pty.a,
    settings: DEFAULT_SERIAL,
    lineEnding: 'auto',
    chargerId: `serial-${name}`,
    session,
    replugPollMs: 50,
    flushAfterMs: 100,
  });
  const lines: ConsoleLine[] = [];
  consoleUnderTest.on('line', (l) => lines.push(l));
  await consoleUnderTest.open();
  far = await ports.open(pty.b, DEFAULT_SERIAL);
  const farReceived: Buffer[] = [];
  far.onData((d) => farReceived.push(d));
  return { console: consoleUnderTest, lines, farReceived };
}

const rx = (lines: ConsoleLine[]) => lines.filter((l) => l.dir === 'rx');

test('lines both ways at 115200 8N1, each stamped, with the history of what was sent', async () => {
  const { console: c, lines, farReceived } = await openConsole('lines');
  await far!.write(Buffer.from('Acme W1 bootloader v2\r\nfw 1.42 ready\r\n> '));
  await until(() => rx(lines).length >= 3, 'two lines and the prompt');
  assert.deepEqual(
    rx(lines).map((l) => [l.text, l.complete]),
    [
      ['Acme W1 bootloader v2', true],
      ['fw 1.42 ready', true],
      ['> ', false],
    ],
  );
  assert.ok(rx(lines).every((l) => Math.abs(l.at - Date.now()) < 10_000));
  await c.send({ text: 'ocpp show' });
  await c.send({ text: 'version' });
  await until(() => Buffer.concat(farReceived).toString() === 'ocpp show\r\nversion\r\n', 'the commands at the charger, with CRLF');
  assert.deepEqual(c.current().history, ['ocpp show', 'version']);
  assert.equal(c.current().bytesOut, 'ocpp show\r\nversion\r\n'.length);
});

test('binary bytes show as hex, and hex input is sent as exactly those bytes', async () => {
  const { console: c, lines, farReceived } = await openConsole('binary');
  await far!.write(Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x41, 0x0a]));
  await until(() => rx(lines).length >= 1, 'the binary line');
  assert.equal(rx(lines)[0]!.hex, '00 01 fe ff 41');
  await c.send({ hex: 'de ad be ef 00' });
  await until(() => Buffer.concat(farReceived).length === 5, 'five bytes at the far end');
  assert.deepEqual([...Buffer.concat(farReceived)], [0xde, 0xad, 0xbe, 0xef, 0x00]);
  await assert.rejects(c.send({ hex: 'zz' }), /not sent: "zz" is not hex/);
});

test('the adapter unplugged mid-session: the console says why, a write is refused not crashed, and it reconnects when plugged back', async () => {
  const { console: c, lines } = await openConsole('replug');
  await far!.write(Buffer.from('before\n'));
  await until(() => rx(lines).some((l) => l.text === 'before'), 'a line before');
  await far!.close();
  far = undefined;
  await pty.unplug();
  await until(() => c.current().phase === 'reconnecting', 'the console to notice');
  assert.match(c.current().reason!, /went away|closed|I\/O/);
  await assert.rejects(c.send({ text: 'hello?' }), /not sent: the port is reconnecting/);
  await pty.plugIn();
  await until(() => c.current().phase === 'open', 'the console to reopen the port', 10_000);
  far = await ports.open(pty.b, DEFAULT_SERIAL);
  await far.write(Buffer.from('after\n'));
  await until(() => rx(lines).some((l) => l.text === 'after'), 'a line after the re-plug');
  const kinds = readSession(sessionFileOf(c))
    .records.filter((r) => r.t === 'event')
    .map((r) => (r.t === 'event' ? r.event.kind : ''));
  for (const kind of ['serial-open', 'serial-lost', 'serial-reconnected']) assert.ok(kinds.includes(kind), `${kind} is recorded`);
});

test('a 1 MB burst arrives complete and in order, and the raw bytes are in the recording', async () => {
  const { console: c, lines } = await openConsole('burst');
  const count = 16_384;
  const body = Array.from({ length: count }, (_, i) => `line ${String(i).padStart(6, '0')} ${'x'.repeat(51)}\n`).join('');
  assert.equal(body.length, 1024 * 1024);
  await far!.write(Buffer.from(body));
  await until(() => rx(lines).length >= count, `${count} lines`, 60_000);
  const got = rx(lines).map((l) => l.text);
  assert.equal(got.length, count);
  got.forEach((text, i) => assert.equal(text.slice(0, 11), `line ${String(i).padStart(6, '0')}`));
  assert.equal(c.current().bytesIn, 1024 * 1024);
  const recorded = readSession(sessionFileOf(c)).records.flatMap((r) =>
    r.t === 'event' && r.event.kind === 'serial-rx' ? [Buffer.from((r.event as unknown as { base64: string }).base64, 'base64')] : [],
  );
  assert.ok(Buffer.concat(recorded).equals(Buffer.from(body)), 'the recording holds every byte, in order');
});

test('OCPP frames the charger prints are lifted into the session as the serial leg, validated, linked from their line', async () => {
  const { console: c, lines } = await openConsole('lift');
  await far!.write(
    Buffer.from(
      'I (100) ocpp: Sending: [2,"1","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]\r\nI (180) ocpp: Received: [3,"1",{"status":"Accepted","currentTime":"2024-05-01T10:00:00Z","interval":300}]\r\nI (200) wifi: rssi -60\r\n',
    ),
  );
  await until(() => c.current().lifted === 2 && rx(lines).length >= 3, 'two lifted frames');
  const records = readSession(sessionFileOf(c)).records.filter((r) => r.t === 'frame');
  assert.deepEqual(
    records.map((r) => (r.t === 'frame' ? [r.leg, r.dir, r.type, r.action] : [])),
    [
      ['serial', 'rx', 2, 'BootNotification'],
      ['serial', 'tx', 3, 'BootNotification'],
    ],
  );
  assert.deepEqual(rx(lines)[0]!.frames, [records[0]!.seq]);
  assert.equal(rx(lines)[2]!.frames, undefined);
});

function sessionFileOf(c: SerialConsole): string {
  return `${dir}/sessions/${c.current().sessionId}.jsonl`;
}
