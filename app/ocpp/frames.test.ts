import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFrame, serializeFrame } from './frames.ts';

test('well-formed CALL, CALLRESULT and CALLERROR parse and serialise back to the same text', () => {
  for (const text of ['[2,"a1","Heartbeat",{}]', '[3,"a1",{"currentTime":"2026-01-01T00:00:00Z"}]', '[4,"a1","NotImplemented","nope",{}]']) {
    const parsed = parseFrame(text);
    assert.ok(parsed.ok, text);
    assert.equal(serializeFrame(parsed.frame), text);
  }
});

const malformed: [string, string, string, boolean][] = [
  // text, expected code, expected answer id, answered?
  ['{"not":"an array"}', 'FormationViolation', '-1', true],
  ['[2,"abc","Heartbeat",{}', 'FormationViolation', 'abc', true], // invalid JSON, id recovered by pattern
  ['garbage', 'FormationViolation', '-1', true],
  ['[7,"x","Heartbeat",{}]', 'FormationViolation', 'x', true],
  ['[2,17,"Heartbeat",{}]', 'FormationViolation', '17', true],
  ['[2,"x","Heartbeat"]', 'ProtocolError', 'x', true],
  ['[2,"x","Heartbeat",{},{}]', 'FormationViolation', 'x', true],
  ['[2,"x",5,{}]', 'FormationViolation', 'x', true],
  ['[3,"x"]', 'ProtocolError', 'x', false],
  ['[4,"x","GenericError"]', 'ProtocolError', 'x', false],
];

for (const [text, code, answerId, answer] of malformed) {
  test(`malformed ${text} → ${code}${answer ? '' : ' (not answered)'}`, () => {
    const parsed = parseFrame(text);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.problem.code, code);
    assert.equal(parsed.problem.answerId, answerId);
    assert.equal(parsed.problem.answer, answer);
    assert.ok(parsed.problem.reason.length > 10, 'a reason a person can read');
  });
}
