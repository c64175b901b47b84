import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MeterSeries, type MeterSample } from './meter-series.ts';
import { ChargerModelBuilder } from './fold.ts';

const sample = (seq: number, over: Partial<MeterSample> = {}): MeterSample => ({
  seq,
  source: 'MeterValues',
  at: 1_700_000_000_000 + seq * 1000,
  receivedAt: 1_700_000_000_050 + seq * 1000,
  connectorId: 1,
  transactionId: 7,
  context: 'Sample.Periodic',
  powerW: 11_040.5,
  powerSource: 'measured',
  registerRateW: seq === 1 ? null : 11_000,
  currentA: [16.1, 16.2, 16.3],
  voltageV: [230.1, null, 229.9],
  energyWh: 10_000 + seq * 3,
  socPercent: null,
  offeredA: 16,
  measurands: ['Energy.Active.Import.Register', 'Power.Active.Import'],
  units: { 'Energy.Active.Import.Register': 'Wh', 'Power.Active.Import': 'W' },
  ...over,
});

test('a sample comes back exactly as it went in, nulls included, from either end', () => {
  const series = new MeterSeries();
  for (let seq = 1; seq <= 1_000; seq++)
    series.push(sample(seq, seq % 2 ? {} : { source: 'StopTransaction', powerSource: 'current×voltage', transactionId: null }));
  assert.equal(series.length, 1_000);
  assert.deepEqual(series.at(0), sample(1));
  assert.deepEqual(series.at(-1), sample(1_000, { source: 'StopTransaction', powerSource: 'current×voltage', transactionId: null }));
  assert.equal(series.at(1_000), undefined);
  assert.deepEqual(
    series.slice(-3).map((s) => s.seq),
    [998, 999, 1_000],
  );
  assert.deepEqual(
    series.after(997).map((s) => s.seq),
    [998, 999, 1_000],
  );
  assert.equal(series.filter((s) => s.source === 'StopTransaction').length, 500);
  assert.deepEqual([...series].map((s) => s.seq).slice(0, 3), [1, 2, 3]);
});

test('beyond its capacity the series keeps the newest samples, in order', () => {
  const series = new MeterSeries(100);
  for (let seq = 1; seq <= 250; seq++) series.push(sample(seq, { context: seq > 200 ? 'Trigger' : 'Sample.Periodic' }));
  assert.equal(series.length, 100);
  assert.equal(series.at(0)!.seq, 151);
  assert.equal(series.at(-1)!.seq, 250);
  assert.equal(series.at(-1)!.context, 'Trigger');
  assert.deepEqual(
    series.slice().map((s) => s.seq),
    Array.from({ length: 100 }, (_, i) => 151 + i),
  );
  assert.deepEqual(
    series.after(245).map((s) => s.seq),
    [246, 247, 248, 249, 250],
  );
});

test('across chunks of rows and a ring of any capacity, every sample is where it belongs', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 700 }), fc.nat(1_500), (capacity, count) => {
      const series = new MeterSeries(capacity);
      for (let seq = 1; seq <= count; seq++) series.push(sample(seq, { energyWh: seq * 10 }));
      const kept = Array.from({ length: Math.min(count, capacity) }, (_, i) => count - Math.min(count, capacity) + 1 + i);
      assert.deepEqual(
        series.slice().map((s) => [s.seq, s.energyWh]),
        kept.map((seq) => [seq, seq * 10]),
      );
      for (let i = 0; i < kept.length; i++) assert.equal(series.seqAt(i), kept[i]);
      assert.deepEqual(MeterSeries.from(series.toRows(), capacity).slice(), series.slice(), 'as rows and back');
    }),
    { numRuns: 300 },
  );
});

test('as JSON the series is the plain list (bundles stay as they were), and it reads back the same', () => {
  const series = new MeterSeries();
  for (let seq = 1; seq <= 5; seq++) series.push(sample(seq));
  const json = JSON.stringify({ samples: series });
  assert.deepEqual(JSON.parse(json).samples, series.slice());
  const again = MeterSeries.from(JSON.parse(json).samples);
  assert.deepEqual(again.slice(), series.slice());
});

test('as rows (how bundles keep them) the series reads back the same, a wrapped ring, nulls, shapes and contexts included', () => {
  const series = new MeterSeries(50);
  const contexts = ['Sample.Periodic', 'Transaction.Begin', 'Sample.Clock'];
  for (let seq = 1; seq <= 120; seq++)
    series.push(
      sample(seq, {
        context: contexts[seq % 3]!,
        source: seq % 7 === 0 ? 'StopTransaction' : 'MeterValues',
        powerSource: seq % 5 === 0 ? 'current×voltage' : seq % 11 === 0 ? null : 'measured',
        transactionId: seq % 4 === 0 ? null : seq,
        connectorId: seq % 3,
        socPercent: seq % 2 ? null : seq / 3,
        measurands: seq % 2 ? ['Voltage'] : ['Energy.Active.Import.Register', 'SoC'],
        units: seq % 2 ? { Voltage: 'V' } : { 'Energy.Active.Import.Register': 'kWh', SoC: 'Percent' },
      }),
    );
  const rows = JSON.parse(JSON.stringify(series.toRows()));
  assert.equal(rows.rows.length, 50 * rows.fields.length, 'one row a sample kept');
  assert.deepEqual(MeterSeries.from(rows).slice(), series.slice());
});

test('rows from a file are checked number by number: junk, unknown indices and a short last row give nulls or defaults, never an error', () => {
  const fields = MeterSeries.from([]).toRows().fields;
  const good = MeterSeries.from([sample(1)]).toRows();
  const row = [...good.rows];
  const junk = row.map((v, i) =>
    fields[i] === 'powerW' ? 'lots' : fields[i] === 'shape' ? 99 : fields[i] === 'context' ? -1 : fields[i] === 'powerSource' ? 1.5 : v,
  );
  const series = MeterSeries.from({ ...good, contexts: [{ evil: true }], shapes: [null], rows: [...row, ...junk, 1, 2, 3] });
  assert.equal(series.length, 2, 'the short last row is left out');
  assert.deepEqual(series.at(0)!.measurands, [], 'a shape that is no shape has no measurands');
  assert.equal(series.at(0)!.context, 'Sample.Periodic');
  const second = series.at(1)!;
  assert.equal(second.powerW, null);
  assert.equal(second.powerSource, null);
  assert.deepEqual(second.measurands, []);
  assert.equal(second.energyWh, sample(1).energyWh);
  // Fields named in another order are found by name.
  const reordered = { ...good, fields: [...fields].reverse(), rows: [...good.rows].reverse() };
  assert.deepEqual(MeterSeries.from(reordered).slice(), MeterSeries.from(good).slice());
  assert.equal(MeterSeries.from({ format: 'meter-rows-1', fields: [], rows: [1, 2] }).length, 0);
});

test('samples from a file are checked value by value: junk becomes null or is left out, never an error', () => {
  const series = MeterSeries.from([
    { seq: 1, at: 5, powerW: 'lots', currentA: 'x', voltageV: [230, '230', null], source: 'Other', measurands: [1, 'Voltage'], units: { Voltage: 'V', x: 3 } },
    null,
    42,
    { seq: 2, connectorId: 1e9, context: { evil: true } },
  ]);
  assert.equal(series.length, 2);
  const first = series.at(0)!;
  assert.equal(first.powerW, null);
  assert.deepEqual(first.currentA, [null, null, null]);
  assert.deepEqual(first.voltageV, [230, null, null]);
  assert.equal(first.source, 'MeterValues');
  assert.deepEqual(first.measurands, ['Voltage']);
  assert.deepEqual(first.units, { Voltage: 'V' });
  assert.equal(series.at(1)!.connectorId, 65_535);
  assert.equal(series.at(1)!.context, 'Sample.Periodic');
  assert.equal(MeterSeries.from('not a list').length, 0);
});

test("a charger's odd connector id stays its own: the shape, context and source beside it are untouched", () => {
  const series = new MeterSeries();
  const odd = [70_000, -1, 2.5, 65_535];
  const contexts = ['Sample.Periodic', 'Trigger', 'Sample.Clock', 'Transaction.End'];
  odd.forEach((connectorId, n) =>
    series.push(sample(n + 1, { connectorId, context: contexts[n]!, source: 'StopTransaction', measurands: [`M${n}`], units: { [`M${n}`]: 'W' } })),
  );
  assert.deepEqual(
    series.slice().map((s) => [s.connectorId, s.context, s.source, s.measurands[0]]),
    [
      // As a 16-bit connector column kept them.
      [70_000 % 65_536, 'Sample.Periodic', 'StopTransaction', 'M0'],
      [65_535, 'Trigger', 'StopTransaction', 'M1'],
      [2, 'Sample.Clock', 'StopTransaction', 'M2'],
      [65_535, 'Transaction.End', 'StopTransaction', 'M3'],
    ],
  );
});

test('many contexts and measurand sets: each sample keeps its own, a repeated one shares its slot, from a file or from a charger', () => {
  const series = new MeterSeries();
  const kinds = 20;
  for (let round = 0; round < 3; round++)
    for (let k = 0; k < kinds; k++)
      series.push(
        sample(round * kinds + k + 1, { context: `Context-${k}`, measurands: [`M${k}`, 'Voltage'], units: { [`M${k}`]: 'W', Voltage: k % 2 ? 'V' : 'kV' } }),
      );
  const rows = series.toRows();
  assert.equal(rows.contexts.length, kinds, 'one context slot each');
  assert.equal(rows.shapes.length, kinds, 'one measurand set each');
  series.slice().forEach((s, n) => {
    assert.equal(s.context, `Context-${n % kinds}`);
    assert.deepEqual(s.measurands, [`M${n % kinds}`, 'Voltage']);
    assert.deepEqual(s.units, { [`M${n % kinds}`]: 'W', Voltage: n % 2 ? 'V' : 'kV' });
  });

  // The same through the fold's reading of MeterValues (a charger changing what it samples).
  const builder = new ChargerModelBuilder('CP1');
  for (let n = 0; n < 3 * kinds; n++) {
    const k = n % kinds;
    const sampledValue = [
      { value: '230', measurand: 'Voltage', unit: 'V' },
      { value: String(n), measurand: k % 2 ? 'Power.Active.Import' : 'Current.Import', unit: k % 2 ? 'W' : 'A', phase: `L${(k % 3) + 1}` },
      ...Array.from({ length: k % 5 }, (_, i) => ({ value: '1', measurand: `Vendor.${i}`, unit: 'Wh' })),
    ];
    const raw = JSON.stringify([
      2,
      `m${n}`,
      'MeterValues',
      { connectorId: 1, meterValue: [{ timestamp: new Date(1_700_000_000_000 + n * 1000).toISOString(), sampledValue }] },
    ]);
    builder.fold({
      t: 'frame',
      seq: n + 1,
      at: new Date(1_700_000_000_000 + n * 1000).toISOString(),
      charger: 'CP1',
      leg: 'charger',
      dir: 'rx',
      raw,
      type: 2,
      id: `m${n}`,
      action: 'MeterValues',
      issues: [],
    });
  }
  const folded = builder.model.samples;
  assert.equal(folded.length, 3 * kinds);
  // Distinct (measurands, units) among the 20 kinds: Voltage + Current or Power + 0–4 vendor measurands.
  assert.equal(folded.toRows().shapes.length, 10);
  folded.slice().forEach((s, n) => assert.equal(s.measurands.length, 2 + ((n % kinds) % 5)));
});
