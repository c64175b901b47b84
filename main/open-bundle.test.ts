import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePathIn, openBundleFile } from './open-bundle.ts';
import { createCore, type Core } from '../app/host/core.ts';
import { tempDir } from '../app/testing/central-fixture.ts';
import { sessionOpener } from '../app/store/session-store.ts';
import { readSession } from '../app/store/reader.ts';
import { writeBundle } from '../app/sessions/bundle.ts';

let dir: string;
let core: Core;
before(async () => {
  dir = tempDir('fieldkit-open-bundle-');
  core = await createCore({ dataDir: join(dir, 'data'), host: '127.0.0.1', wsPort: null, wssPort: null, passwords: new Map(), acceptAny: false });
});
after(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a double-clicked bundle is found on the command line', () => {
  assert.equal(
    bundlePathIn(['/opt/OCPP Field Kit/fieldkit', '--no-sandbox', 'C:\\Users\\me\\Desktop\\site.FIELDKIT']),
    'C:\\Users\\me\\Desktop\\site.FIELDKIT',
  );
  assert.equal(bundlePathIn(['fieldkit', '.', '--data', '/tmp/x']), null);
});

test('the main process opens a bundle file through the host, and says why a bad one is refused', async () => {
  const session = sessionOpener({ dataDir: dir }, 'central')('DESK1');
  session.appendFrame('DESK1', 'charger', {
    dir: 'rx',
    raw: '[2,"b","BootNotification",{"chargePointVendor":"Acme","chargePointModel":"W1"}]',
    type: 2,
    id: 'b',
    action: 'BootNotification',
    issues: [],
  });
  session.close();
  const { header, records } = readSession(session.file);
  const file = join(dir, 'site.fieldkit');
  writeFileSync(file, writeBundle({ header, records, reports: [] }, { hideIdTags: false }).bytes);
  const opened = await openBundleFile(core.host, file);
  assert.ok(opened.ok && opened.chargerId.startsWith('DESK1@'));
  const bad = join(dir, 'bad.fieldkit');
  writeFileSync(bad, 'nope');
  assert.deepEqual(await openBundleFile(core.host, bad), {
    ok: false,
    reason: 'bad.fieldkit is not a complete zip file (truncated, damaged, or not a bundle): invalid zip data',
  });
  const missing = await openBundleFile(core.host, join(dir, 'gone.fieldkit'));
  assert.ok(!missing.ok && /ENOENT/.test(missing.reason));
});
