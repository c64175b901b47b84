import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/central-fixture.ts';
import { readSessionTail } from './session-tail.ts';
import type { SessionRecord } from './records.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const header = '{"t":"session","v":2,"id":"s","chargerId":"CP1","source":"central","started":"2026-12-06T12:00:00.000Z","app":"test"}';
const frame = (seq: number) =>
  `{"t":"frame","seq":${seq},"at":"2026-12-06T12:00:0${seq}.000Z","charger":"CP1","leg":"charger","dir":"rx","type":2,"id":"m${seq}","action":"Heartbeat","issues":[],"frame":[2,"m${seq}","Heartbeat",{}]}`;
const event = (seq: number) =>
  `{"t":"event","charger":"CP1","leg":"charger","event":{"kind":"note","text":"é ${seq}"},"seq":${seq},"at":"2026-12-06T12:00:0${seq}.000Z"}`;

test('a live session is read from an offset of its file on, then from the lines not written yet, which may finish the file’s last line', () => {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir, 's.jsonl');
  const third = frame(3);
  // A short write left the third record half on disk; its rest and a fourth wait in memory.
  writeFileSync(file, `${header}\n${frame(1)}\n${event(2)}\n${third.slice(0, 40)}`);
  const unwritten = Buffer.from(`${third.slice(40)}\n${event(4)}\n`);
  const read: SessionRecord[] = [];
  const first = readSessionTail(file, 0, unwritten, 0, (r) => read.push(r));
  assert.deepEqual(
    read.map((r) => r.seq),
    [1, 2, 3, 4],
  );
  assert.deepEqual(read[1]!.t === 'event' && read[1]!.event, { kind: 'note', text: 'é 2' }, 'UTF-8 read whole');
  assert.equal(first.end, statSync(file).size - 40, 'the next read starts at the line the disk holds only part of');
  assert.equal(first.damaged, 0);

  // From there on, and after the records already folded: only the newer ones, a damaged line counted.
  writeFileSync(file, `${header}\n${frame(1)}\n${event(2)}\n${third}\n${event(4)}\n{"t":"frame","seq":5,"broken\n`);
  const later: number[] = [];
  const second = readSessionTail(file, first.end, Buffer.from(`${frame(6)}\n`), 3, (r) => later.push(r.seq));
  assert.deepEqual(later, [4, 6]);
  assert.equal(second.damaged, 1);
  assert.equal(second.end, statSync(file).size);
});

test('a session not on disk at all is read from what its recorder holds', () => {
  const dir = tempDir();
  dirs.push(dir);
  const read: number[] = [];
  readSessionTail(join(dir, 'never-written.jsonl'), 0, Buffer.from(`${header}\n${frame(1)}\n`), 0, (r) => read.push(r.seq));
  assert.deepEqual(read, [1]);
});
