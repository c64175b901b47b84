/**
 * Frame records of every shape a recorder may write, for property tests of the recording format:
 * each optional member present or left out, strings and numbers from the generators given.
 */
import fc from 'fast-check';
import type { FrameFields } from '../store/record-line.ts';

export function frameRecords(text: fc.Arbitrary<string>, number: fc.Arbitrary<number>, at: fc.Arbitrary<string>): fc.Arbitrary<FrameFields> {
  const issue = fc.record(
    { kind: fc.constantFrom('frame', 'schema', 'protocol'), message: text, path: text, code: text },
    { requiredKeys: ['kind', 'message'] },
  );
  return fc.record(
    {
      t: fc.constant('frame' as const),
      seq: fc.oneof(fc.nat(), number),
      at,
      charger: fc.option(text, { nil: null }),
      leg: fc.constantFrom('charger', 'upstream', 'serial'),
      dir: fc.constantFrom('rx', 'tx'),
      raw: fc.option(text, { nil: undefined }),
      type: fc.option(number, { nil: undefined }),
      id: fc.option(text, { nil: undefined }),
      action: fc.option(text, { nil: undefined }),
      issues: fc.array(issue, { maxLength: 3 }),
      latencyMs: fc.option(number, { nil: undefined }),
      origin: fc.option(fc.constantFrom('local', 'injected', 'replay', 'rewritten'), { nil: undefined }),
    },
    { requiredKeys: ['t', 'seq', 'at', 'charger', 'leg', 'dir', 'issues'] },
  ) as fc.Arbitrary<FrameFields>;
}
