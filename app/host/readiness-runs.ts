/**
 * Readiness runs started through the host: one at a time per charger, cancellable, progress
 * published as events so every UI watching sees it live.
 */
import type { CentralSystem } from '../central/central-system.ts';
import type { FileServer } from '../central/file-server.ts';
import type { ChargerModels } from '../charger/registry.ts';
import { centralDriver } from '../readiness/driver.ts';
import type { SuiteProgress } from '../readiness/session.ts';
import { runSuite, type ReadinessReport } from '../readiness/suite.ts';
import { HostError } from './contract.ts';

export interface ReadinessRunArgs {
  readonly chargerId: string;
  readonly sampleIntervalS?: number | undefined;
  readonly timeoutS?: number | undefined;
}

export class ReadinessRuns {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly deps: { readonly central: CentralSystem; readonly models: ChargerModels; readonly fileServer?: FileServer },
    private readonly publish: (chargerId: string, progress: SuiteProgress) => void,
  ) {}

  async run({ chargerId, sampleIntervalS, timeoutS }: ReadinessRunArgs): Promise<ReadinessReport> {
    if (this.running.has(chargerId)) throw new HostError('failed', `a readiness check of ${chargerId} is already running`);
    const abort = new AbortController();
    this.running.set(chargerId, abort);
    try {
      return await runSuite(centralDriver(this.deps.central, this.deps.models, chargerId, this.deps.fileServer, this.deps.central.state().host), {
        sampleIntervalS: sampleIntervalS ?? 10,
        connectTimeoutS: timeoutS ?? 300,
        physicalTimeoutS: timeoutS ?? 300,
        signal: abort.signal,
        onProgress: (progress) => this.publish(chargerId, progress),
      });
    } finally {
      this.running.delete(chargerId);
    }
  }

  cancel(chargerId: string): boolean {
    const abort = this.running.get(chargerId);
    abort?.abort();
    return abort !== undefined;
  }
}
