/**
 * The bench children's side of the IPC: announce the port (and what else the bench needs), stop on
 * "stop". Their CPU time and peak RSS are read from /proc by the bench (children.ts), as for serve.
 */
export function reportOverIpc(port: number, stop: () => Promise<void>, extra: Record<string, unknown> = {}): void {
  process.send?.({ kind: 'ready', port, ...extra });
  process.on('message', async (message: { kind: string }) => {
    if (message.kind === 'stop') {
      await stop();
      process.exit(0);
    }
  });
}
