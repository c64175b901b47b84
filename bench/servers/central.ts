/**
 * Bench child: the real central system (schema validation and recording on) on a free port.
 * Reports its port over IPC, and its CPU time and peak RSS when asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../app/host/core.ts';
import { tuneHeapForServing } from '../../app/host/server-heap.ts';
import { tempDir } from '../../app/testing/central-fixture.ts';
import { reportOverIpc } from './ipc.ts';

// As the app's own processes run (bin/fieldkit.mjs, main/main.ts).
tuneHeapForServing();
const dataDir = process.env.BENCH_DATA_ROOT ? mkdtempSync(join(process.env.BENCH_DATA_ROOT, 'fieldkit-bench-')) : tempDir('fieldkit-bench-');
const core = await createCore({ dataDir, host: '127.0.0.1', wsPort: 0, wssPort: null, passwords: new Map(), acceptAny: true });
const state = await core.central.start();
reportOverIpc(state.wsPort!, async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});
