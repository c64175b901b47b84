/**
 * Test support, run as a child process: opens the bundle named on the command line as the app does
 * (checks, then the records) and prints what happened and the process's peak memory, so a test can
 * measure what a hostile bundle costs without its own allocations in the figure.
 */
import { readFileSync } from 'node:fs';
import { readBundle } from '../sessions/bundle.ts';

const file = process.argv[2]!;
const outcome: { ok: boolean; error?: string; records?: number; maxRssMiB?: number } = { ok: false };
try {
  const opened = await readBundle(readFileSync(file), 'the bundle');
  await opened.inflating;
  outcome.records = opened.records.length;
  outcome.ok = true;
} catch (err) {
  outcome.error = `${(err as Error).name}: ${(err as Error).message}`;
}
outcome.maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
