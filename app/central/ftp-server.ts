/**
 * The ftp-srv pieces behind the FTP transfers: a server that lets a closed connection go, and the
 * file system a transfer's login sees. ftp-srv (and the lodash, moment and bunyan it brings, ~20 MB)
 * is imported when the first FTP transfer is offered, not when the app starts: most sessions never
 * start an FTP server.
 */
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FileSystem as FtpFileSystem, FtpConnection, FtpSrv as FtpServerType } from 'ftp-srv';
import { safeFileName } from './file-names.ts';

/**
 * The commands each kind of location takes, and nothing else (ftp-srv's aliases such as XRMD and
 * XMKD are other commands, so an allow-list, not a block-list): log in, set the transfer up, move the
 * one file, leave. Before the login only what a login needs.
 */
const SESSION_COMMANDS = ['USER', 'PASS', 'QUIT', 'NOOP', 'FEAT', 'SYST', 'OPTS'];
const SETUP_COMMANDS = ['TYPE', 'MODE', 'STRU', 'PWD', 'CWD', 'CDUP', 'PASV', 'EPSV', 'PORT', 'EPRT', 'ABOR', 'ALLO', 'SIZE'];
export const FTP_COMMANDS: Readonly<Record<'login' | 'firmware' | 'diagnostics', readonly string[]>> = {
  login: SESSION_COMMANDS,
  firmware: [...SESSION_COMMANDS, ...SETUP_COMMANDS, 'RETR', 'REST', 'MDTM', 'LIST', 'NLST'],
  diagnostics: [...SESSION_COMMANDS, ...SETUP_COMMANDS, 'STOR'],
};
/** Every command any location takes: the server's own allow-list (a transfer's login narrows it to its kind). */
export const ANY_TRANSFER_COMMANDS = [...new Set(Object.values(FTP_COMMANDS).flat())];

/** Narrows a logged-in connection to the commands of its location's kind. */
export function allowCommands(connection: FtpConnection, kind: 'firmware' | 'diagnostics'): void {
  const commands = (connection as unknown as { commands?: { whitelist: string[] } }).commands;
  if (commands) commands.whitelist = [...FTP_COMMANDS[kind]];
}

/** A file system error as the client may read it: what went wrong, never where on this computer. */
function pathless(err: unknown): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (err instanceof TransferRefusal) return err;
  if (code === 'ENOENT') return new TransferRefusal('no such file');
  if (code === 'ENOTDIR' || code === 'EISDIR') return new TransferRefusal('not a file here');
  if (code === 'EACCES' || code === 'EPERM') return new TransferRefusal('not allowed');
  return new TransferRefusal('the file is not available');
}

/** What the file system needs of a transfer: its kind, its folder, and whether one more upload may begin (null) or why not. */
export interface TransferScope {
  readonly kind: 'firmware' | 'diagnostics';
  readonly dir: string;
  readonly admitUpload?: () => string | null;
  /** Counts bytes arriving at the location; false once they pass what it takes in all. */
  readonly addBytes?: (bytes: number) => boolean;
}

export interface FtpServerKit {
  readonly QuietFtpServer: new (options: ConstructorParameters<typeof FtpServerType>[0]) => FtpServerType;
  readonly TransferFileSystem: new (connection: FtpConnection, transfer: TransferScope, maxBytes: number) => FtpFileSystem;
}

let loading: Promise<FtpServerKit> | null = null;

/** ftp-srv's classes, with ours built on them: loaded once, on first use. */
export function loadFtpServer(): Promise<FtpServerKit> {
  loading ??= import('ftp-srv').then(({ FtpSrv, FileSystem }) => {
    /**
     * ftp-srv arms a timer of `timeout` ms on every client disconnect and never clears it (it only
     * rejects an already settled promise): with a 60 s idle timeout, each closed connection held the
     * process open for a minute (a `fieldkit check` that would not exit). The same disconnect without it.
     */
    class QuietFtpServer extends FtpSrv {
      override disconnectClient(id: string): Promise<unknown> {
        const connections = (this as unknown as { connections: Record<string, { close(code: number): unknown }> }).connections;
        const client = connections[id];
        if (!client) return Promise.resolve();
        delete connections[id];
        try {
          client.close(0);
        } catch {
          // A socket already gone: nothing left to close.
        }
        return Promise.resolve('Disconnected');
      }
    }

    /**
     * What a transfer's login may do: list and download from a firmware folder; upload into a
     * diagnostics folder (capped, never overwriting, never reading back). Paths cannot leave the folder
     * (ftp-srv resolves them under the root).
     */
    class TransferFileSystem extends FileSystem {
      constructor(
        connection: FtpConnection,
        private readonly transfer: TransferScope,
        private readonly maxBytes: number,
      ) {
        super(connection, { root: transfer.dir, cwd: '/' });
      }

      override read(fileName: string, options?: { start?: unknown }): Promise<unknown> {
        if (this.transfer.kind !== 'firmware') return Promise.reject(new TransferRefusal('this location takes uploads only'));
        return Promise.resolve(super.read(fileName, options)).catch((err: unknown) => Promise.reject(pathless(err)));
      }

      // ftp-srv's errors name the local path (ENOENT: … stat '/tmp/…'): the client gets what went wrong only.
      override get(fileName: string): Promise<unknown> {
        return Promise.resolve(super.get(fileName)).catch((err: unknown) => Promise.reject(pathless(err)));
      }

      override list(path?: string): Promise<unknown> {
        if (this.transfer.kind !== 'firmware') return Promise.reject(new TransferRefusal('this location takes uploads only'));
        return Promise.resolve(super.list(path)).catch((err: unknown) => Promise.reject(pathless(err)));
      }

      override chdir(path?: string): Promise<string> {
        return Promise.resolve(super.chdir(path)).catch((err: unknown) => Promise.reject(pathless(err)));
      }

      // Never, whatever reaches here: nothing is deleted, made, renamed or changed in a transfer's folder.
      override delete(): Promise<unknown> {
        return Promise.reject(new TransferRefusal('not allowed'));
      }

      override mkdir(): Promise<unknown> {
        return Promise.reject(new TransferRefusal('not allowed'));
      }

      override rename(): Promise<unknown> {
        return Promise.reject(new TransferRefusal('not allowed'));
      }

      override chmod(): Promise<unknown> {
        return Promise.reject(new TransferRefusal('not allowed'));
      }

      override write(fileName: string): unknown {
        if (this.transfer.kind !== 'diagnostics') throw new TransferRefusal('this location serves firmware: uploads are refused');
        const refused = this.transfer.admitUpload?.();
        if (refused) throw new TransferRefusal(refused);
        const name = safeFileName(fileName, 'upload');
        const path = join(this.transfer.dir, name);
        if (existsSync(path)) throw new TransferRefusal(`${name} was uploaded already`);
        const stream = createWriteStream(path, { flags: 'wx' });
        // The cap: counted as it arrives; beyond it the stream fails, the connection is dropped, the part removed.
        const write = stream.write.bind(stream) as (chunk: Buffer, ...rest: unknown[]) => boolean;
        let bytes = 0;
        stream.write = ((chunk: Buffer, ...rest: unknown[]) => {
          bytes += chunk.length;
          if (bytes > this.maxBytes || this.transfer.addBytes?.(chunk.length) === false) {
            stream.destroy(new TransferRefusal(`larger than ${this.maxBytes} bytes: refused`));
            return false;
          }
          return write(chunk, ...rest);
        }) as typeof stream.write;
        stream.once('error', () => rmSync(path, { force: true }));
        return { stream, clientPath: `/${name}` };
      }
    }

    return { QuietFtpServer, TransferFileSystem };
  });
  return loading;
}

class TransferRefusal extends Error {
  readonly code = 550;
}

/** ftp-srv logs through bunyan by default, to stdout: the app keeps its own event list instead. */
export function silentLog(): unknown {
  const noop = () => {};
  const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, fatal: noop, child: () => log };
  return log;
}
