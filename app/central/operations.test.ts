import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actionsInitiatedBy } from '../ocpp/actions.ts';
import { EXAMPLES } from '../ocpp/examples.ts';
import { closeClient, connectCharger, startCentral, type CentralFixture } from '../testing/central-fixture.ts';
import type WebSocket from 'ws';

let fx: CentralFixture;
let charger: WebSocket;
const received: unknown[][] = [];

before(async () => {
  fx = await startCentral();
  charger = await connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1' });
  // A test charger that answers every central-system operation with its example answer.
  charger.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as [number, string, string, unknown];
    received.push(frame);
    if (frame[0] === 2) charger.send(JSON.stringify([3, frame[1], EXAMPLES[frame[2] as keyof typeof EXAMPLES].conf]));
  });
});
after(async () => {
  await closeClient(charger);
  await fx.close();
});

for (const action of actionsInitiatedBy('central')) {
  test(`${action} round-trips: the charger receives the request and its answer comes back`, async () => {
    const { req, conf } = EXAMPLES[action];
    const outcome = await fx.central.call('CP1', action, req);
    assert.deepEqual(outcome.payload, conf);
    assert.deepEqual(outcome.issues, []);
    const sent = received.findLast((f) => f[2] === action);
    assert.deepEqual(sent?.[3], req);
    const recorded = fx.frames.filter((f) => f.id === sent?.[1]);
    assert.deepEqual(
      recorded.map((f) => [f.dir, f.type, f.action]),
      [
        ['tx', 2, action],
        ['rx', 3, action],
      ],
    );
  });
}
