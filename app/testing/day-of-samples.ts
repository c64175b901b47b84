/**
 * Test support: a charger sampling every second, as MeterValues frames: the n-th second's reading
 * (energy register rising, power, current and voltage on three phases), stamped start + n seconds.
 * What the day-long memory tests feed the host and the UI.
 */
export const DAY_S = 86_400;

export function secondOfDay(
  n: number,
  options: { readonly id: string; readonly connectorId: number; readonly start: number; readonly context?: string },
): string {
  const sv = (measurand: string, unit: string, value: number, phase?: string) => ({
    value: value.toFixed(1),
    measurand,
    unit,
    ...(options.context ? { context: options.context } : {}),
    ...(phase ? { phase } : {}),
  });
  return JSON.stringify([
    2,
    options.id,
    'MeterValues',
    {
      connectorId: options.connectorId,
      transactionId: options.connectorId,
      meterValue: [
        {
          timestamp: new Date(options.start + n * 1000).toISOString(),
          sampledValue: [
            sv('Energy.Active.Import.Register', 'Wh', 10_000 + n * 3),
            sv('Power.Active.Import', 'W', 11_000 + (n % 40)),
            ...['L1', 'L2', 'L3'].map((p) => sv('Current.Import', 'A', 16 + (n % 7) / 10, p)),
            ...['L1-N', 'L2-N', 'L3-N'].map((p) => sv('Voltage', 'V', 229 + (n % 5) / 10, p)),
          ],
        },
      ],
    },
  ]);
}
