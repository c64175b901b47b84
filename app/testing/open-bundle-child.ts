/**
 * Test support, run as a child process: opens the bundle named on the command line as the app does
 * (checks, the recording unpacked to a folder beside the file, the model shown, the message log's
 * latest page read), as many times as asked and all kept open, and prints what happened and the
 * process's peak memory, so a test can measure what a bundle costs without its own allocations in the figure.
 */
import { readFileSync, rmSync } from 'node:fs';
import { readBundle } from '../sessions/bundle.ts';
import { SessionViewer } from '../sessions/viewer.ts';
import { ChargerModels } from '../charger/registry.ts';
import { Emitter } from '../lib/emitter.ts';
import type { EventRecord, FrameRecord } from '../store/records.ts';

const file = process.argv[2]!;
const times = Number(process.argv[3] ?? 1);
const spoolDir = `${file}.opened`;
const outcome: { ok: boolean; error?: string; records?: number; logPage?: number; maxRssMiB?: number; seconds?: number } = { ok: false };
const started = performance.now();
const viewer = new SessionViewer();
const models = new ChargerModels(new Emitter<{ frame: FrameRecord; event: EventRecord }>(), viewer);
try {
  for (let i = 0; i < times; i++) {
    const opened = await readBundle(readFileSync(file), 'the bundle', { spoolDir });
    const id = viewer.show(opened.header, opened.recording, file, opened.model, opened.reports);
    outcome.records = (await opened.recording).count;
    outcome.logPage = (await viewer.recordsOf(id, 0, 5_000)).records.length;
    models.builder(id);
  }
  outcome.ok = true;
} catch (err) {
  outcome.error = `${(err as Error).name}: ${(err as Error).message}`;
} finally {
  viewer.close();
  models.close();
}
outcome.maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
outcome.seconds = Math.round((performance.now() - started) / 100) / 10;
rmSync(spoolDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(outcome)}\n`);
