/**
 * Firmware updates and diagnostics uploads on the simulated charger, with the status notifications
 * a good charger sends at each step (OCPP 1.6 §6.13, §6.44): download with retries, install, reboot
 * into the new version; collect a report and upload it.
 */
import { download, upload, type TransferOptions } from './file-transfer.ts';
import type { Outbox } from './outbox.ts';
import type { TimerBag } from './timers.ts';

export interface TransfersDeps {
  readonly outbox: Outbox;
  readonly timers: TimerBag;
  readonly transferOptions: TransferOptions;
  now(): number;
  log(line: string): void;
  /** The charger's state as text, what GetDiagnostics uploads. */
  diagnosticsReport(): string;
  /** Reboot into the installed firmware. */
  reboot(): void;
}

export class Transfers {
  private version: string;
  private firmware = 'Idle';
  private diagnostics = 'Idle';

  constructor(
    firmwareVersion: string,
    private readonly deps: TransfersDeps,
  ) {
    this.version = firmwareVersion;
  }

  get firmwareVersion(): string {
    return this.version;
  }

  /** The last FirmwareStatusNotification status (Idle before any update), what a TriggerMessage repeats. */
  get firmwareStatus(): string {
    return this.firmware;
  }

  get diagnosticsStatus(): string {
    return this.diagnostics;
  }

  async updateFirmware(location: string, retrieveAt: number, retries: number, retryIntervalSeconds: number): Promise<void> {
    const { timers, outbox, log } = this.deps;
    const report = async (status: string) => {
      this.firmware = status;
      await outbox.send('FirmwareStatusNotification', { status });
    };
    await timers.sleep(Math.max(0, retrieveAt - this.deps.now()));
    let image: Buffer | undefined;
    // retries is how many more attempts after the first: 0 still means one try.
    for (let attempt = 0; attempt <= retries && !image; attempt++) {
      await report('Downloading');
      try {
        image = await download(location, this.deps.transferOptions);
        log(`firmware downloaded: ${image.length} bytes from ${location}`);
      } catch (err) {
        log(`firmware download failed: ${(err as Error).message}`);
        if (attempt < retries) await timers.sleep(retryIntervalSeconds * 1000);
      }
    }
    if (!image) return report('DownloadFailed');
    await report('Downloaded');
    await report('Installing');
    await timers.sleep(200);
    this.version = nextFirmwareVersion(location, this.version);
    await report('Installed');
    this.deps.reboot();
  }

  async uploadDiagnostics(location: string, fileName: string): Promise<void> {
    const report = async (status: string) => {
      this.diagnostics = status;
      await this.deps.outbox.send('DiagnosticsStatusNotification', { status });
    };
    await report('Uploading');
    const content = Buffer.from(this.deps.diagnosticsReport());
    try {
      await upload(location, fileName, content, this.deps.transferOptions);
      this.deps.log(`diagnostics uploaded: ${content.length} bytes to ${location}`);
      await report('Uploaded');
    } catch (err) {
      this.deps.log(`diagnostics upload failed: ${(err as Error).message}`);
      await report('UploadFailed');
    }
  }
}

/** The version the new firmware reports: from the file name where it carries one (fw-2.0.1.bin), else the next patch. */
function nextFirmwareVersion(location: string, current: string): string {
  const named = /(\d+\.\d+\.\d+)/.exec(location.split('/').pop() ?? '')?.[1];
  if (named) return named;
  const parts = current.split('.').map(Number);
  return parts.every(Number.isFinite) ? [...parts.slice(0, -1), (parts.at(-1) ?? 0) + 1].join('.') : `${current}-updated`;
}
