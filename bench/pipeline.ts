/**
 * `npm run bench:pipeline`: the central system's work per frame without sockets, so that changes to
 * it can be measured apart from the network and the load generator (which swing far more on a
 * shared machine). 1 000 chargers each send MeterValues CALLs (~900 bytes); every frame goes
 * through the real path: the RPC endpoint (parse, schema validation, answer), the session recorder
 * (a file per charger, one write per charger per turn) and the charger model fold. The floor is
 * what a bare ws server does with a frame: JSON.parse and a reply. Prints µs per frame and the
 * ratio; asserts nothing. BENCH_FRAMES sets the frames per run (default 200 000).
 *
 * Then what a model folded on demand costs when it is read (charger/registry.ts: no UI followed the
 * models while the records arrived): every charger's recording read back from its file and folded,
 * per record.
 */
import { rmSync } from 'node:fs';
import { RpcEndpoint } from '../app/ocpp/endpoint.ts';
import { centralAnswers } from '../app/central/answers.ts';
import { sessionOpener } from '../app/store/session-store.ts';
import { ChargerModelBuilder } from '../app/charger/fold.ts';
import { defaultFlushScheduler } from '../app/store/flush-scheduler.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { readSessionTail } from '../app/store/session-tail.ts';
import type { SessionRecorder } from '../app/store/recorder.ts';
import { meterValues } from './load.ts';
import { median } from './median.ts';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 200_000);
const CHARGERS = 1_000;
const ROUNDS = 3;

function frames(count: number): string[] {
  return Array.from({ length: count }, (_, n) => meterValues(n, 10_000 + n * 3));
}

/** Feeds the frames turn by turn (one frame per charger per turn, as the sockets deliver them). */
async function run(texts: string[], feed: (charger: number, text: string) => void): Promise<number> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < texts.length; i += CHARGERS) {
    for (let c = 0; c < CHARGERS && i + c < texts.length; c++) feed(c, texts[i + c]!);
    // The turn ends: the recorder's flush (setImmediate) runs and the answers leave.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / texts.length; // µs per frame
}

/** Answers that left, per run: the check that every frame was answered (and that the work is not optimised away). */
let answered = 0;

function bare(): (charger: number, text: string) => void {
  return (_charger, text) => {
    const [, id] = JSON.parse(text) as [number, string];
    if (JSON.stringify([3, id, {}]).length > 0) answered++;
  };
}

function central(dir: string): { feed: (charger: number, text: string) => void; recorders: SessionRecorder[]; close: () => void } {
  const open = sessionOpener({ dataDir: dir }, 'central');
  let transactionId = 0;
  const handler = centralAnswers({ heartbeatInterval: 300, clock: () => new Date(), nextTransactionId: () => ++transactionId });
  const chargers = Array.from({ length: CHARGERS }, (_, c) => {
    const id = `BENCH${c}`;
    const recorder = open(id);
    const model = new ChargerModelBuilder(id);
    const endpoint = new RpcEndpoint({
      role: 'central',
      handler,
      sink: { send: () => recorder.whenDurable(() => answered++) },
      observe: (frame) => model.fold(recorder.appendFrame(id, 'charger', frame)),
    });
    return { endpoint, recorder };
  });
  return {
    feed: (c, text) => chargers[c]!.endpoint.receive(text),
    recorders: chargers.map((c) => c.recorder),
    close: () => {
      for (const { recorder } of chargers) recorder.close();
    },
  };
}

/** Each recording read back and folded into a fresh model, as a model nobody followed is when it is read: µs per record. */
function foldOnDemand(recorders: readonly SessionRecorder[]): number {
  const cpu = process.cpuUsage();
  let records = 0;
  for (const recorder of recorders) {
    const model = new ChargerModelBuilder(recorder.header.chargerId);
    readSessionTail(recorder.file, 0, recorder.unwritten(), 0, (record) => {
      model.fold(record);
      records++;
    });
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / records;
}

const texts = frames(FRAMES);
const results: { bare: number; central: number; onDemand: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const dir = tempDir('fieldkit-bench-pipeline-');
  answered = 0;
  const floor = await run(texts, bare());
  const pipeline = central(dir);
  const full = await run(texts, pipeline.feed);
  if (answered !== 2 * texts.length) console.log(`!! ${2 * texts.length - answered} frames went unanswered`);
  const onDemand = foldOnDemand(pipeline.recorders);
  pipeline.close();
  defaultFlushScheduler.flush();
  rmSync(dir, { recursive: true, force: true });
  results.push({ bare: floor, central: full, onDemand });
  console.log(
    `round ${round + 1}: bare ${floor.toFixed(1)} µs/frame, central ${full.toFixed(1)} µs/frame (×${(full / floor).toFixed(1)}); a model folded on demand from its recording ${onDemand.toFixed(1)} µs/record`,
  );
}
console.log(
  `-> the central system's work per MeterValues frame (validation, answer, recording, model): median ${median(results.map((r) => r.central)).toFixed(1)} µs, bare parse and reply ${median(results.map((r) => r.bare)).toFixed(1)} µs, ×${median(results.map((r) => r.central / r.bare)).toFixed(1)}`,
);
console.log(
  `-> a model nobody followed, folded from its recording when read: median ${median(results.map((r) => r.onDemand)).toFixed(1)} µs a record (a MeterValues or its answer)`,
);
