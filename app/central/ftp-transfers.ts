/**
 * The app's FTP server for chargers that fetch firmware and upload diagnostics only over ftp://
 * (most in the field for GetDiagnostics). Built on ftp-srv; it listens only while a transfer is
 * offered and closes when the last one ends or expires. Each transfer gets its own folder and a
 * one-time user and password carried in the location (ftp://user:password@host:port/…): firmware
 * locations are download-only, diagnostics locations upload-only, uploads are capped, nothing
 * outside the transfer's folder is reachable, and a login from another address than the charger's
 * is refused. Passive mode uses a bounded port range (the ports to open in a site firewall).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server, Socket } from 'node:net';
import { basename, join } from 'node:path';
import type { FtpConnection, FtpSrv } from 'ftp-srv';
import type { ReceivedFile } from './file-server.ts';
import { reserveFreePath, safeFileName } from './file-names.ts';
import { ANY_TRANSFER_COMMANDS, allowCommands, loadFtpServer, silentLog } from './ftp-server.ts';
import { msg, type Message } from '../lib/message.ts';

interface DataConnector {
  dataSocket?: Socket | null;
  dataServer?: Server | null;
  end?: () => void;
}

function closeReplacedConnectors(connection: FtpConnection): void {
  const holder = connection as unknown as { connector?: DataConnector };
  let current = holder.connector;
  Object.defineProperty(holder, 'connector', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (next: DataConnector | undefined) => {
      if (current && current !== next && (current.dataSocket || current.dataServer)) {
        const replaced = current;
        // Its end() (run when its server closes) would put an empty connector in the new one's place.
        replaced.end = () => {};
        replaced.dataSocket?.destroy();
        replaced.dataServer?.close();
      }
      current = next;
    },
  });
}

/** Why the FTP server could not listen, in words. */
function describeListenError(err: unknown, port: number): Error {
  const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
  return new Error(
    inUse ? `FTP port ${port} is already in use: choose another (--ftp-port), or use HTTP` : `the FTP server cannot start: ${(err as Error).message}`,
  );
}

export type FtpTransferKind = 'firmware' | 'diagnostics';

export interface FtpEvent {
  readonly at: number;
  readonly transferId: string | null;
  readonly kind: 'login' | 'refused' | 'download' | 'upload' | 'failed' | 'closed';
  readonly remote: string;
  readonly detail: string;
  readonly bytes?: number;
}

export interface FtpOffer {
  readonly transferId: string;
  /** ftp://user:password@host:port/path — what the charger is told. */
  readonly location: string;
  /** The configured port was taken: the location names another (said in the check's reason). */
  readonly note?: Message;
}

export interface FtpTransfersOptions {
  readonly host: string;
  /** Control port; 0 = any free one (tests). */
  readonly port: number;
  /** Passive data ports, inclusive: the range a site firewall must let through. */
  readonly passiveMin?: number;
  readonly passiveMax?: number;
  /** Where transfer folders live (each removed when its transfer ends). */
  readonly workDir: string;
  /** Where received diagnostics are kept. */
  readonly uploadDir: string;
  readonly maxUploadBytes?: number;
  /** A transfer not completed within this is withdrawn. */
  readonly ttlMs?: number;
  /** Told of each diagnostics file once it is stored whole. */
  readonly onReceived?: (file: ReceivedFile) => void;
  /** After a completed transfer, the location stays usable this long (a charger that checks or retries). */
  readonly graceMs?: number;
}

interface Transfer {
  readonly id: string;
  readonly kind: FtpTransferKind;
  readonly user: string;
  readonly password: string;
  readonly dir: string;
  /** The charger's IP address, when known: logins from elsewhere are refused. */
  readonly chargerAddress: string | null;
  /** Our address as the charger reached us: what PASV hands out. */
  readonly host: string;
  /** The charger the transfer is for, when named. */
  readonly chargerId: string | null;
  timer: ReturnType<typeof setTimeout>;
  /** The transfer the app asked for happened: the location closes after the grace, whatever comes later. */
  completed: boolean;
  /** Uploads begun at this location, and their bytes (capped per location). */
  uploads: number;
  bytes: number;
}

export const DEFAULT_FTP_PORT = 2121;
export const DEFAULT_PASSIVE_PORTS = [30000, 30099] as const;
const DEFAULT_MAX_UPLOAD = 256 * 1024 * 1024;
const DEFAULT_TTL_MS = 30 * 60_000;
const DEFAULT_GRACE_MS = 60_000;
/** Files one diagnostics location takes (a charger that retries; not a place to keep sending to). */
const MAX_UPLOADS_PER_LOCATION = 3;
const MAX_EVENTS = 500;
const MAX_FTP_CONNECTIONS = 32;

const plainAddress = (ip: string | undefined) => (ip ?? '').replace(/^::ffff:/, '');

export class FtpTransfers {
  private server: FtpSrv | null = null;
  private starting: Promise<FtpSrv> | null = null;
  private listenPort = 0;
  /** Set when the configured port was taken and another one serves: what every location offered since says. */
  private movedNote: Message | null = null;
  private readonly transfers = new Map<string, Transfer>();
  readonly events: FtpEvent[] = [];
  readonly received: ReceivedFile[] = [];

  constructor(private readonly options: FtpTransfersOptions) {}

  /** The control port while the server runs; null when no transfer is offered. */
  get port(): number | null {
    return this.server ? this.listenPort : null;
  }

  get passiveRange(): readonly [number, number] {
    return [this.options.passiveMin ?? DEFAULT_PASSIVE_PORTS[0], this.options.passiveMax ?? DEFAULT_PASSIVE_PORTS[1]];
  }

  /** Offers a firmware image for download. `host`: our address as the charger reaches it. */
  async offerFirmware(name: string, content: Buffer, where: { host: string; chargerAddress: string | null }): Promise<FtpOffer> {
    const transfer = this.newTransfer('firmware', where);
    const safe = safeFileName(name, 'firmware.bin');
    writeFileSync(join(transfer.dir, safe), content);
    const location = await this.location(transfer, `/${encodeURIComponent(safe)}`);
    return { transferId: transfer.id, location, ...(this.movedNote ? { note: this.movedNote } : {}) };
  }

  /** A folder a charger may upload its diagnostics into (`chargerId`: whose session the file belongs to). */
  async diagnosticsLocation(where: { host: string; chargerAddress: string | null; chargerId?: string }): Promise<FtpOffer> {
    const transfer = this.newTransfer('diagnostics', where);
    const location = await this.location(transfer, '/');
    return { transferId: transfer.id, location, ...(this.movedNote ? { note: this.movedNote } : {}) };
  }

  /** Withdraws every transfer and stops listening. */
  async close(): Promise<void> {
    for (const transfer of [...this.transfers.values()]) this.end(transfer, 'the app is closing');
    await this.stopServer();
  }

  private newTransfer(kind: FtpTransferKind, where: { host: string; chargerAddress: string | null; chargerId?: string }): Transfer {
    mkdirSync(this.options.workDir, { recursive: true });
    const transfer: Transfer = {
      id: randomBytes(6).toString('hex'),
      kind,
      // Letters and digits only: they go into a URL's userinfo as they are, on chargers that do not decode it.
      user: `fk${randomBytes(5).toString('hex')}`,
      password: randomBytes(12).toString('hex'),
      dir: mkdtempSync(join(this.options.workDir, `${kind}-`)),
      chargerAddress: where.chargerAddress ? plainAddress(where.chargerAddress) : null,
      host: where.host,
      chargerId: where.chargerId ?? null,
      timer: setTimeout(() => this.end(transfer, 'not completed in time: withdrawn'), this.options.ttlMs ?? DEFAULT_TTL_MS),
      completed: false,
      uploads: 0,
      bytes: 0,
    };
    transfer.timer.unref?.();
    this.transfers.set(transfer.id, transfer);
    return transfer;
  }

  private async location(transfer: Transfer, path: string): Promise<string> {
    try {
      await this.ensureServer();
    } catch (err) {
      this.end(transfer, `the FTP server could not start: ${(err as Error).message}`);
      throw err;
    }
    const host = transfer.host.includes(':') ? `[${transfer.host}]` : transfer.host;
    return `ftp://${transfer.user}:${transfer.password}@${host}:${this.listenPort}${path}`;
  }

  private remember(event: Omit<FtpEvent, 'at'>): void {
    this.events.push({ at: Date.now(), ...event });
    if (this.events.length > MAX_EVENTS) this.events.shift();
  }

  private end(transfer: Transfer, why: string): void {
    if (!this.transfers.delete(transfer.id)) return;
    clearTimeout(transfer.timer);
    rmSync(transfer.dir, { recursive: true, force: true });
    this.remember({ transferId: transfer.id, kind: 'closed', remote: '', detail: `${transfer.kind} location closed: ${why}` });
    if (this.transfers.size === 0) void this.stopServer();
  }

  /** Withdraws a transfer now (the check that offered it is over): its location closes. */
  withdraw(transferId: string, why = 'the transfer is over'): void {
    const transfer = this.transfers.get(transferId);
    if (transfer) this.end(transfer, why);
  }

  /** A completed transfer stays reachable a little longer, then ends; later transfers at it never extend that. */
  private completed(transfer: Transfer): void {
    if (transfer.completed) return;
    transfer.completed = true;
    clearTimeout(transfer.timer);
    transfer.timer = setTimeout(() => this.end(transfer, 'completed'), this.options.graceMs ?? DEFAULT_GRACE_MS);
    transfer.timer.unref?.();
  }

  private async ensureServer(): Promise<FtpSrv> {
    if (this.server) return this.server;
    this.starting ??= this.startServer();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  /**
   * Listens on the FTP port, or, when another program (another check) holds it, on a free port the
   * locations then carry: a transfer is not lost to a taken port. Said once, in portNote.
   */
  private async startServer(): Promise<FtpSrv> {
    this.movedNote = null;
    try {
      return await this.listenOn(this.options.port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || this.options.port === 0) throw describeListenError(err, this.options.port);
      const server = await this.listenOn(0).catch((e: unknown) => {
        throw describeListenError(e, 0);
      });
      this.movedNote = msg`FTP port ${this.options.port} is in use (another program, or another check): the location names port ${this.listenPort} instead`;
      return server;
    }
  }

  private async listenOn(port: number): Promise<FtpSrv> {
    const [pasvMin, pasvMax] = this.passiveRange;
    // Loaded on the first offer: ftp-srv and what it brings cost ~20 MB and a noticeable start-up
    // for a server most sessions never start.
    const { QuietFtpServer, TransferFileSystem } = await loadFtpServer();
    const server = new QuietFtpServer({
      url: `ftp://${this.options.host}:${port}`,
      // PASV hands out our address as the transfer's charger reached us (the last offer for that charger).
      // (ftp-srv takes a function here at run time; its typings know only the string form.)
      pasv_url: ((clientAddress: string) => this.hostFor(plainAddress(clientAddress))) as unknown as string,
      pasv_min: pasvMin,
      pasv_max: pasvMax,
      anonymous: false,
      greeting: 'OCPP Field Kit file transfer',
      timeout: 60_000,
      // Only what a transfer needs, by allow-list (aliases such as XRMD are other commands); a login narrows it to its kind.
      whitelist: ANY_TRANSFER_COMMANDS,
      log: silentLog(),
    });
    server.on('login', ({ connection, username, password }, resolve, reject) => {
      const remote = plainAddress(connection.ip);
      const transfer = [...this.transfers.values()].find((t) => t.user === username);
      const refuse = (why: string) => {
        this.remember({ transferId: transfer?.id ?? null, kind: 'refused', remote, detail: why });
        reject(new Error(why));
      };
      if (!transfer || transfer.password !== password) return refuse(`login refused for user ${String(username).slice(0, 40)}: wrong user or password`);
      if (transfer.chargerAddress && transfer.chargerAddress !== remote)
        return refuse(`login refused: ${remote} is not the charger's address (${transfer.chargerAddress})`);
      this.remember({ transferId: transfer.id, kind: 'login', remote, detail: `${transfer.kind} transfer: logged in` });
      allowCommands(connection, transfer.kind);
      this.watch(connection, transfer, remote);
      resolve({
        fs: new TransferFileSystem(
          connection,
          {
            kind: transfer.kind,
            dir: transfer.dir,
            admitUpload: () => this.admitUpload(transfer),
            addBytes: (bytes) => (transfer.bytes += bytes) <= (this.options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD),
          },
          this.options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD,
        ),
      });
    });
    // ftp-srv replaces a connection's data connector on every PASV/EPSV/PORT without closing the old one:
    // one set up for a command that was then refused (STOR at a firmware location) stayed open, its
    // data socket paused, for good. Each connector is closed when another takes its place.
    (server as unknown as { on(event: 'connect', listener: (e: { connection: FtpConnection }) => void): void }).on('connect', ({ connection }) => {
      closeReplacedConnectors(connection);
    });
    server.on('client-error', ({ connection, error }) => {
      this.remember({
        transferId: null,
        kind: 'failed',
        remote: plainAddress(connection?.ip),
        detail: `FTP client error: ${(error as Error)?.message ?? error}`,
      });
    });
    try {
      await server.listen();
    } catch (err) {
      await server.close().catch(() => {});
      throw err;
    }
    const listener = (server as unknown as { server: Server }).server;
    // The FTP port faces the site network while a transfer is offered: a flood of junk connections is capped.
    listener.maxConnections = MAX_FTP_CONNECTIONS;
    this.listenPort = (listener.address() as AddressInfo).port;
    this.server = server;
    return server;
  }

  private watch(connection: FtpConnection, transfer: Transfer, remote: string): void {
    connection.on('RETR', (error: Error | null, filePath: string) => {
      if (error) return this.remember({ transferId: transfer.id, kind: 'failed', remote, detail: `download failed: ${error.message}` });
      const bytes = existsSync(filePath) ? statSync(filePath).size : undefined;
      this.remember({
        transferId: transfer.id,
        kind: 'download',
        remote,
        detail: `firmware ${basename(filePath)} downloaded`,
        ...(bytes !== undefined ? { bytes } : {}),
      });
      this.completed(transfer);
    });
    connection.on('STOR', (error: Error | null, filePath: string) => {
      if (error) return this.remember({ transferId: transfer.id, kind: 'failed', remote, detail: `upload refused: ${error.message}` });
      this.keepUpload(transfer, filePath, remote);
      this.completed(transfer);
    });
  }

  /** Whether one more upload may begin at this location (null), or why not; counts it. */
  private admitUpload(transfer: Transfer): string | null {
    if (transfer.uploads >= MAX_UPLOADS_PER_LOCATION) return `this location takes ${MAX_UPLOADS_PER_LOCATION} files at most`;
    transfer.uploads++;
    return null;
  }

  /** A finished upload moves from the transfer's folder to the diagnostics folder, under a name of its own. */
  private keepUpload(transfer: Transfer, filePath: string, remote: string): void {
    if (!existsSync(filePath)) return;
    mkdirSync(this.options.uploadDir, { recursive: true });
    const sentName = safeFileName(filePath, 'upload');
    // Reserved in one step (two uploads finishing at once get two names), then filled by the rename.
    const file = reserveFreePath(this.options.uploadDir, sentName);
    renameSync(filePath, file);
    const bytes = statSync(file).size;
    const stored: ReceivedFile = {
      name: basename(file),
      sentName,
      file,
      bytes,
      at: Date.now(),
      remote,
      location: transfer.id,
      via: 'ftp',
      ...(transfer.chargerId ? { chargerId: transfer.chargerId } : {}),
    };
    this.received.push(stored);
    this.options.onReceived?.(stored);
    this.remember({ transferId: transfer.id, kind: 'upload', remote, detail: `diagnostics ${basename(file)} received`, bytes });
  }

  private hostFor(clientAddress: string): string {
    const transfers = [...this.transfers.values()];
    return (transfers.findLast((t) => t.chargerAddress === clientAddress) ?? transfers.at(-1))?.host ?? '127.0.0.1';
  }

  private async stopServer(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await server.close().catch(() => {});
  }
}
