/**
 * `npm run bench:sessions` (also part of `npm run bench`): a session of a million frames (BENCH_FRAMES)
 * listed, exported as a bundle and opened again. Prints the time of each step and the one that
 * matters to support: from the bundle file to the first graph (the model folded, the charger's view
 * and its latest samples ready to draw). Target: under 3 s. Asserts nothing.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../app/testing/central-fixture.ts';
import { sessionOpener } from '../app/store/session-store.ts';
import { SessionLibrary } from '../app/sessions/library.ts';
import { readSession } from '../app/store/reader.ts';
import { readBundle, writeBundle } from '../app/sessions/bundle.ts';
import { SessionViewer } from '../app/sessions/viewer.ts';
import { ChargerModels } from '../app/charger/registry.ts';
import { chargerView } from '../app/charger/view.ts';
import { Emitter } from '../app/lib/emitter.ts';
import type { EventRecord, FrameRecord } from '../app/store/records.ts';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 1_000_000);
const dir = tempDir('fieldkit-bench-sessions-');
const time = async <T>(label: string, fn: () => T | Promise<T>): Promise<T> => {
  const start = performance.now();
  const value = await fn();
  console.log(`${label.padEnd(44)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s`);
  return value;
};

try {
  console.log(
    `OCPP Field Kit sessions bench: one session of ${FRAMES.toLocaleString('en')} frames (MeterValues with 4 measurands every 10 s, answers, heartbeats)`,
  );
  let now = Date.parse('2026-11-01T00:00:00.000Z');
  const session = sessionOpener({ dataDir: dir, clock: () => new Date(now) }, 'central')('BENCH-1');
  await time('recording it (not part of the figures)', () => {
    session.appendFrame('BENCH-1', 'charger', {
      dir: 'rx',
      raw: '[2,"boot","BootNotification",{"chargePointVendor":"Bench","chargePointModel":"Load"}]',
      type: 2,
      id: 'boot',
      action: 'BootNotification',
      issues: [],
    });
    let energy = 100_000;
    for (let i = 1; i < FRAMES; i += 2) {
      now += 5_000;
      const id = `m${i}`;
      if (i % 20 === 1) {
        session.appendFrame('BENCH-1', 'charger', { dir: 'rx', raw: `[2,"${id}","Heartbeat",{}]`, type: 2, id, action: 'Heartbeat', issues: [] });
      } else {
        energy += 15;
        const at = new Date(now).toISOString();
        session.appendFrame('BENCH-1', 'charger', {
          dir: 'rx',
          raw: `[2,"${id}","MeterValues",{"connectorId":1,"transactionId":7,"meterValue":[{"timestamp":"${at}","sampledValue":[{"value":"${energy}","measurand":"Energy.Active.Import.Register","unit":"Wh"},{"value":"7360","measurand":"Power.Active.Import","unit":"W"},{"value":"32.0","measurand":"Current.Import","unit":"A","phase":"L1"},{"value":"230.1","measurand":"Voltage","unit":"V","phase":"L1-N"}]}]}]`,
          type: 2,
          id,
          action: 'MeterValues',
          issues: [],
        });
      }
      session.appendFrame('BENCH-1', 'charger', { dir: 'tx', raw: `[3,"${id}",{}]`, type: 3, id, action: 'MeterValues', issues: [] });
      if (i % 20_001 === 0) session.flushNow();
    }
    session.close();
  });
  console.log(`recording: ${(statSync(session.file).size / 1024 / 1024).toFixed(0)} MB`);

  const library = new SessionLibrary(dir);
  const [summary] = await time('library: summarising it (first listing)', () => library.list());
  await time('library: listing again (indexed)', () => library.list());
  console.log(`  ${summary!.frames.toLocaleString('en')} frames, ${summary!.started} → ${summary!.ended}`);

  const { header, records } = await time('export: reading the recording', () => readSession(session.file));
  const bundle = await time('export: redacting, folding, zipping', () => writeBundle({ header, records, reports: [] }, { hideIdTags: true }));
  const file = join(dir, 'bench.fieldkit');
  writeFileSync(file, bundle.bytes);
  console.log(`bundle: ${(bundle.bytes.length / 1024 / 1024).toFixed(1)} MB`);
  records.length = 0;

  const opened = await time('open: reading the file', () => readFileSync(file));
  const firstGraph = performance.now();
  const contents = await time('open: unzipping, checking, parsing', () => readBundle(opened, file, { spoolDir: join(dir, 'opened') }));
  const viewer = new SessionViewer();
  const models = new ChargerModels(new Emitter<{ frame: FrameRecord; event: EventRecord }>(), viewer);
  const id = await time('open: the charger model (the bundle snapshot)', () => viewer.show(contents.header, contents.recording, file, contents.model));
  const view = await time('open: the charger view and latest samples', () => {
    const model = models.builder(id).model;
    return { view: chargerView(id, model), samples: model.samples.slice(-100_000) };
  });
  console.log(
    `open → first graph: ${((performance.now() - firstGraph) / 1000).toFixed(2)} s (target < 3 s); ${view.samples.length.toLocaleString('en')} samples ready to draw`,
  );
  const log = await time('then the log: unpacking to disk and indexing, the latest 20 000 frames', () => viewer.recordsOf(id, 0, 20_000));
  console.log(`  ${log.records.length.toLocaleString('en')} records for the message log; ${view.view.transactions.length} transactions in the model`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
