/**
 * MeterValuesSampledData as a list of measurands: what the platform needs added to what the charger
 * already sends, never silently less. Where the charger caps the list (MeterValuesSampledDataMaxLength)
 * the platform's come first and what does not fit is named, so whoever changes it can say so.
 */

/** The measurands of a MeterValuesSampledData value, in order, each once. */
export function measurands(value: string | null | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  ];
}

export interface SampledDataUnion {
  /** The value to set: the platform's measurands, then those the charger had, as many as fit. */
  readonly value: string;
  /** Measurands the charger had that the new value keeps (beyond the platform's). */
  readonly kept: readonly string[];
  /** Measurands the charger had that do not fit under its maximum: dropped, and to be said. */
  readonly dropped: readonly string[];
}

/** The platform's measurands together with the charger's current ones, within its maximum length when it has one. */
export function withPlatformMeasurands(platform: string, current: string | null | undefined, maxLength?: number | null): SampledDataUnion {
  const wanted = measurands(platform);
  const extra = measurands(current).filter((m) => !wanted.includes(m));
  const room = maxLength !== undefined && maxLength !== null && maxLength > 0 ? Math.max(0, maxLength - wanted.length) : extra.length;
  const kept = extra.slice(0, room);
  return { value: [...wanted, ...kept].join(','), kept, dropped: extra.slice(room) };
}

/** What a change of the list takes away: measurands before that are not there after. */
export function removedBy(before: string | null | undefined, after: string | null | undefined): string[] {
  const next = measurands(after);
  return measurands(before).filter((m) => !next.includes(m));
}
