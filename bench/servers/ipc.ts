/** The bench children's side of the IPC: announce the port, answer "stats", stop on "stop". */
export function reportOverIpc(port: number, stop: () => Promise<void>, extra: Record<string, unknown> = {}): void {
  const send = (message: unknown) => process.send?.(message);
  send({ kind: 'ready', port, ...extra });
  process.on('message', async (message: { kind: string }) => {
    if (message.kind === 'stats') {
      const cpu = process.cpuUsage();
      send({ kind: 'stats', cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 });
    } else if (message.kind === 'stop') {
      await stop();
      process.exit(0);
    }
  });
}
