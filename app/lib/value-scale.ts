/**
 * The value axis of a chart: round tick values that include the axis' floor (0 for power, current
 * and energy), all printed with the same number of decimals, and a sensible axis when every value is
 * the same (a charger drawing nothing gets 0 … 1, not "0.00 0.00 0.00"). Pure.
 */

export interface ValueScale {
  readonly ticks: number[];
  readonly decimals: number;
  readonly domain: [number, number];
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const factor = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10;
  return factor * power;
}

/**
 * Ticks for values between lo and hi (display units), about `count` of them. With `zero`, the
 * axis starts at 0 (or ends there, for values below it).
 */
export function valueScale(lo: number, hi: number, { count = 4, zero = false }: { count?: number; zero?: boolean } = {}): ValueScale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (zero) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  if (hi - lo < 1e-9) {
    // One value only: an axis around it (or 0 … 1 for nothing at all).
    const pad = Math.abs(hi) > 1e-9 ? Math.abs(hi) * 0.05 : 1;
    hi += pad;
    if (!zero || lo !== 0) lo -= pad;
  }
  const step = roundStep((hi - lo) / Math.max(1, count - 1));
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) + (String(step / 10 ** Math.floor(Math.log10(step))).includes('.') ? 1 : 0);
  const ticks: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { ticks, decimals, domain: [ticks[0]!, ticks.at(-1)!] };
}
