import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tlsConnect } from 'node:tls';
import { chargerCall, closeClient, connectCharger, startCentral, until, type CentralFixture } from '../testing/central-fixture.ts';
import type { ConnectedEvent, ConnectionEvent, RefusedEvent } from './connection-events.ts';
import { POLICY_CIPHERS } from './tls-policy.ts';
import { render } from '../lib/message.ts';

let fx: CentralFixture;
before(async () => (fx = await startCentral()));
after(() => fx.close());

const refusals = () => fx.events.map((e) => e.event as ConnectionEvent).filter((e): e is RefusedEvent => e.kind === 'refused' && e.stage === 'tls');

for (const cipher of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'AES128-SHA']) {
  test(`a TLS 1.2 client offering only ${cipher} connects and the cipher is recorded`, async () => {
    const ws = await connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1', tls: { maxVersion: 'TLSv1.2', ciphers: cipher } });
    await chargerCall(ws, 'Heartbeat', {});
    const connected = fx.events.map((e) => e.event as ConnectionEvent).findLast((e): e is ConnectedEvent => e.kind === 'connected');
    assert.equal(connected?.tls?.version, 'TLSv1.2');
    assert.equal(connected?.tls?.cipher, cipher);
    assert.equal(connected?.tls?.policyCipher, true);
    await closeClient(ws);
  });
}

test('the server offers exactly the policy ciphers over TLS 1.2 only', async () => {
  // Ask for each policy cipher and a few outside it, one per handshake.
  const outside = ['ECDHE-RSA-CHACHA20-POLY1305', 'DHE-RSA-AES128-GCM-SHA256'];
  const accepted: string[] = [];
  for (const cipher of [...POLICY_CIPHERS, ...outside]) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port: Number(new URL(fx.wssUrl).port), ciphers: cipher, maxVersion: 'TLSv1.2', rejectUnauthorized: false },
        () => {
          socket.end();
          resolve(true);
        },
      );
      socket.on('error', () => resolve(false));
    });
    if (ok) accepted.push(cipher);
  }
  assert.deepEqual(accepted.sort(), [...POLICY_CIPHERS].sort());
});

test('a client limited to TLS 1.3 is refused, and the refusal says what it offered', async () => {
  const before = refusals().length;
  await assert.rejects(connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1', tls: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } }));
  const refusal = await until(() => refusals()[before], 'the TLS refusal');
  assert.equal(refusal.tls?.code, 'ERR_SSL_UNSUPPORTED_PROTOCOL');
  assert.deepEqual(refusal.tls?.offered?.versions, ['TLSv1.3']);
  assert.match(render(refusal.tls!.hint), /only TLS 1\.3/);
});

test('a client limited to a cipher outside the policy is refused with "no shared cipher"', async () => {
  const before = refusals().length;
  await assert.rejects(connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1', tls: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-CHACHA20-POLY1305' } }));
  const refusal = await until(() => refusals()[before], 'the TLS refusal');
  assert.equal(refusal.reason, 'no shared cipher');
  assert.ok(refusal.tls?.offered?.ciphers.includes('ECDHE-RSA-CHACHA20-POLY1305'));
  assert.match(render(refusal.tls!.hint), /no cipher in common/);
});

test('a TLS 1.0/1.1 client is refused and named as such', async () => {
  const before = refusals().length;
  await assert.rejects(
    connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1', tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' } }),
  );
  const refusal = await until(() => refusals()[before], 'the TLS refusal');
  assert.deepEqual(refusal.tls?.offered?.versions, ['TLSv1.1']);
  assert.match(render(refusal.tls!.hint), /TLS 1\.2/);
});

test('the SNI a charger sends is recorded', async () => {
  const ws = await connectCharger(fx.wssUrl, 'CP1', { password: 'secret-1', tls: { servername: 'charger.example' } });
  const connected = fx.events.map((e) => e.event as ConnectionEvent).findLast((e): e is ConnectedEvent => e.kind === 'connected');
  assert.equal(connected?.tls?.sni, 'charger.example');
  await closeClient(ws);
});
