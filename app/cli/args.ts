import { NamedError } from '../lib/named-error.ts';
import { readFileSync } from 'node:fs';

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends NamedError {}

export function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag} wants a port number from 0 to 65535, got "${value}"`);
  return port;
}

/** The machine is not as the command needs it (a port in use, an unreadable file): exit code 2, no usage. */
export class EnvironmentError extends NamedError {}

export function positiveNumber(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} wants a positive number, got "${value}"`);
  return n;
}

/** A file the user named, or an EnvironmentError saying why it cannot be read. */
export function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new EnvironmentError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** `--ftp-port N` and `--ftp-passive MIN-MAX`: where the FTP server listens while a transfer is offered. */
export function ftpPorts(port: string | undefined, passive: string | undefined): { ftpPort: number; ftpPassivePorts?: readonly [number, number] } {
  const ftpPort = parsePort(port, 2121, '--ftp-port');
  if (passive === undefined) return { ftpPort };
  const match = /^(\d+)-(\d+)$/.exec(passive.trim());
  const [min, max] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || min < 1024 || max > 65535 || min > max)
    throw new UsageError(`--ftp-passive wants a port range such as 30000-30099 (1024 to 65535), got "${passive}"`);
  return { ftpPort, ftpPassivePorts: [min, max] };
}

/** `--firmware-scheme` / `--diagnostics-scheme`: http, ftp or auto. */
export function transferScheme(value: string | undefined, fallback: 'http' | 'ftp' | 'auto', flag: string): 'http' | 'ftp' | 'auto' {
  if (value === undefined) return fallback;
  if (value === 'http' || value === 'ftp' || value === 'auto') return value;
  throw new UsageError(`${flag} wants http, ftp or auto, not "${value}"`);
}
