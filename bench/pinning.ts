/**
 * Cores of their own: on a machine with two or more, the server under test runs on core 0 and the
 * load generator (this process, with the platform of the relay bench) on core 1, so that neither
 * takes the other's CPU (a process's threads, its collector's included, stay on its core). Timing
 * figures on a shared pair of cores swing up to 2×; pinned, the ratios hold. BENCH_PIN=0 turns it off.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const wanted = process.env.BENCH_PIN !== '0';

function tasksetWorks(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the bench pins, and why not when it does not. */
export const pinning: { readonly on: boolean; readonly why: string } = !wanted
  ? { on: false, why: 'BENCH_PIN=0' }
  : availableParallelism() < 2
    ? { on: false, why: 'one core only' }
    : !tasksetWorks()
      ? { on: false, why: 'taskset is not available' }
      : { on: true, why: 'server on core 0, load generator on core 1' };

/** The command that runs `argv` on the server's core (argv itself when not pinning). */
export function onServerCore(argv: readonly string[]): string[] {
  return pinning.on ? ['taskset', '-c', '0', ...argv] : [...argv];
}

/** The command that runs `argv` on the load generator's core (the relay bench's platform). */
export function onLoadCore(argv: readonly string[]): string[] {
  return pinning.on ? ['taskset', '-c', '1', ...argv] : [...argv];
}

/** Moves this process (every thread it has, and so every one it starts) to the load generator's core. */
export function pinSelfToLoadCore(): void {
  if (pinning.on) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
}
