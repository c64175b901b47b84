/**
 * Test support: a real pseudo-terminal pair made by socat, with stable link names so that killing
 * socat (the adapter unplugged) and starting it again (plugged back in) gives the same paths.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { until } from './central-fixture.ts';

export interface PtyPair {
  /** The two ends: open one as the app's port, the other as the charger's. */
  readonly a: string;
  readonly b: string;
  /** Kill socat: both ends vanish. */
  unplug(): Promise<void>;
  /** Start socat again on the same paths. */
  plugIn(): Promise<void>;
  close(): Promise<void>;
}

export async function ptyPair(dir: string, name = 'tty'): Promise<PtyPair> {
  const a = join(dir, `${name}-a`);
  const b = join(dir, `${name}-b`);
  let socat: ChildProcess | undefined;
  const plugIn = async () => {
    socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    await until(() => existsSync(a) && existsSync(b), `socat to create ${a} and ${b}`);
  };
  const unplug = async () => {
    const child = socat;
    socat = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await until(() => !existsSync(a) && !existsSync(b), 'socat to remove its links');
  };
  await plugIn();
  return { a, b, unplug, plugIn, close: unplug };
}
