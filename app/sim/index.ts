/** The simulator as a library: tests, benchmarks and the demo create as many as they need. */
export { SimChargePoint, type SimOptions, type SimEvents, type SimConnectionState } from './charge-point.ts';
export { QUIRKS, parseQuirks, type QuirkName, type Quirks } from './quirks.ts';
export { startDemo, DEMO_PASSWORD, type Demo } from './demo.ts';
export type { EvSpec } from './ev.ts';
