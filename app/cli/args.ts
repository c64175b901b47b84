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
