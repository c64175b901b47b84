/**
 * Bench child: the app's central system relaying every charger to the bench platform (WSS with its
 * CA), recording both legs as in real use. Chargers reach it over plain ws on loopback.
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
const core = await createCore({
  dataDir,
  host: '127.0.0.1',
  wsPort: 0,
  wssPort: null,
  passwords: new Map(),
  acceptAny: true,
  relay: { targets: [{ chargerId: '*', config: { url: process.env.PLATFORM_URL!, caFile: process.env.PLATFORM_CA_FILE! }, password: 'bench' }] },
});
const state = await core.central.start();
reportOverIpc(state.wsPort!, async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});
