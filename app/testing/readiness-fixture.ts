/** Test support: the readiness suite against simulated chargers on a test central system. */
import { startFileServer, type FileServer } from '../central/file-server.ts';
import { FtpTransfers } from '../central/ftp-transfers.ts';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './central-fixture.ts';
import { ChargerModels } from '../charger/registry.ts';
import { centralDriver } from '../readiness/driver.ts';
import type { SuiteProgress } from '../readiness/session.ts';
import { runSuite, type ReadinessReport, type SuiteOptions } from '../readiness/suite.ts';
import type { SimChargePoint } from '../sim/charge-point.ts';
import type { CentralFixture } from './central-fixture.ts';

export interface ReadinessFixture {
  readonly models: ChargerModels;
  readonly files: FileServer;
  readonly ftp: FtpTransfers;
  /** Runs the suite for a simulator; a plug-in prompt plugs a car into its connector 1. */
  run(sim: SimChargePoint | null, chargerId: string, options?: Partial<SuiteOptions>): Promise<{ report: ReadinessReport; progress: SuiteProgress[] }>;
  close(): Promise<void>;
}

/** Fast settings: 1 s samples, short waits; thresholds of the catalogue otherwise. */
export const FAST: SuiteOptions = {
  sampleIntervalS: 1,
  connectTimeoutS: 10,
  physicalTimeoutS: 10,
  graceS: 2,
  remoteStartAfterS: 1,
  reconnectWithinS: 20,
  triggerWithinS: 5,
  keepaliveIdleS: 3,
};

export async function readinessOn(fx: CentralFixture): Promise<ReadinessFixture> {
  const models = new ChargerModels(fx.central);
  const dir = tempDir('fieldkit-readiness-files-');
  const files = await startFileServer({ host: '127.0.0.1', port: 0, uploadDir: join(dir, 'diagnostics') });
  const ftp = new FtpTransfers({ host: '127.0.0.1', port: 0, workDir: join(dir, 'ftp'), uploadDir: join(dir, 'diagnostics'), graceMs: 1_000 });
  return {
    models,
    files,
    ftp,
    async run(sim, chargerId, options = {}) {
      const progress: SuiteProgress[] = [];
      const report = await runSuite(centralDriver(fx.central, models, chargerId, { http: files, ftp }, '127.0.0.1'), {
        ...FAST,
        ...options,
        onProgress: (p) => {
          progress.push(p);
          if (p.kind === 'prompt' && p.prompt === 'plug-in' && sim) sim.plugIn(1);
          options.onProgress?.(p);
        },
      });
      return { report, progress };
    },
    async close() {
      models.close();
      await Promise.all([files.close(), ftp.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The verdicts that are not pass or skip, as "id=verdict", sorted: what a quirk changes. */
export function complaints(report: ReadinessReport): string[] {
  return report.checks
    .filter((c) => c.verdict === 'fail' || c.verdict === 'warn')
    .map((c) => `${c.id}=${c.verdict}`)
    .sort();
}
