/**
 * A simulated OCPP 1.6J charge point that behaves like a good real one (and, with quirks, like the
 * ones that are not): connects over ws or wss with Basic Auth, boots, heartbeats, reconnects with
 * backoff, runs transactions for the cars plugged into it, meters them, obeys charging profiles,
 * answers every central-system operation, updates firmware and uploads diagnostics.
 * A library first: tests and benchmarks run hundreds in one process; `fieldkit sim` wraps one.
 */
import WebSocket from 'ws';
import { RpcEndpoint, type CallSuccess, type FrameObservation } from '../ocpp/endpoint.ts';
import { Emitter } from '../lib/emitter.ts';
import { backoffDelay } from '../lib/backoff.ts';
import { Configuration } from './configuration.ts';
import { Connector, type ConnectorStatus } from './connector.ts';
import { DEFAULT_EV, ElectricVehicle, type EvSpec } from './ev.ts';
import { download, upload } from './file-transfer.ts';
import { sampledValues, type ReadingContext } from './meter.ts';
import { handleCentralCall } from './operations.ts';
import type { Station } from './station.ts';
import { parseQuirks, type Quirks } from './quirks.ts';
import { ProfileStore, type ChargingProfile, type Electrical, type TransactionContext } from './smart-charging.ts';

export interface SimOptions {
  /** The central system's URL without the id: ws[s]://host:port/path. */
  readonly url: string;
  readonly id: string;
  readonly password?: string;
  readonly connectors?: number;
  readonly phases?: 1 | 3;
  /** The charger's (or cable's) limit per phase, A. */
  readonly maxCurrent?: number;
  readonly quirks?: Quirks | readonly string[];
  /** Accept any server certificate. */
  readonly insecure?: boolean;
  /** Extra CA to trust for wss and HTTPS transfers. */
  readonly ca?: string | Buffer;
  readonly vendor?: string;
  readonly model?: string;
  readonly serialNumber?: string;
  readonly firmwareVersion?: string;
  readonly meterValueSampleInterval?: number;
  /** WebSocketPingInterval to start with (s; 0 = no pings). */
  readonly webSocketPingInterval?: number;
  readonly meterValuesSampledData?: string;
  /** Start a transaction as soon as a car is plugged in (no RFID needed). */
  readonly freeVend?: boolean;
  readonly idTag?: string;
  readonly tickMs?: number;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
  readonly rebootMs?: number;
  readonly callTimeoutMs?: number;
  readonly clock?: () => number;
}

export type SimConnectionState = 'connecting' | 'connected' | 'disconnected' | 'stopped';

export type SimEvents = {
  frame: FrameObservation;
  status: { connectorId: number; status: ConnectorStatus; errorCode: string };
  connection: { state: SimConnectionState; reason?: string };
  log: string;
};

const OFFLINE_QUEUED = new Set(['StartTransaction', 'StopTransaction', 'MeterValues']);
const SCHEMA_BREAKING = ['numbers-as-strings', 'values-as-numbers', 'no-meter-stop'] as const;

export class SimChargePoint extends Emitter<SimEvents> implements Station {
  readonly id: string;
  readonly configuration: Configuration;
  readonly profiles: ProfileStore;
  readonly quirks: Quirks;
  readonly connectors: Connector[];
  firmwareVersion: string;
  firmwareStatus = 'Idle';
  diagnosticsStatus = 'Idle';
  localList = { version: 0, entries: new Map<string, unknown>() };
  bootCount = 0;

  private readonly options: SimOptions;
  private readonly electrical: Electrical;
  private readonly clock: () => number;
  private ws: WebSocket | undefined;
  private endpoint: RpcEndpoint | undefined;
  private booted = false;
  private stopped = true;
  private reconnectAttempt = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private alignedTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private lastTick: number;
  private readonly offline: { action: string; payload: Record<string, unknown> }[] = [];

  constructor(options: SimOptions) {
    super();
    this.options = options;
    this.id = options.id;
    this.clock = options.clock ?? Date.now;
    this.quirks =
      Array.isArray(options.quirks) || options.quirks === undefined ? parseQuirks((options.quirks as string[] | undefined) ?? []) : (options.quirks as Quirks);
    const count = options.connectors ?? 1;
    const phases = options.phases ?? 3;
    this.electrical = { phases, voltage: 230, maxCurrent: options.maxCurrent ?? 32 };
    this.connectors = Array.from({ length: count }, (_, i) => new Connector(i + 1, phases));
    this.firmwareVersion = options.firmwareVersion ?? '1.4.2';
    this.configuration = new Configuration({
      numberOfConnectors: count,
      heartbeatInterval: 300,
      meterValueSampleInterval: options.meterValueSampleInterval ?? 60,
      meterValuesSampledData: options.meterValuesSampledData ?? 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage',
      ...(options.password ? { authorizationKey: options.password } : {}),
      ...(options.webSocketPingInterval !== undefined ? { webSocketPingInterval: options.webSocketPingInterval } : {}),
    });
    this.profiles = new ProfileStore(
      {
        maxStackLevel: this.configuration.number('ChargeProfileMaxStackLevel'),
        maxPeriods: this.configuration.number('ChargingScheduleMaxPeriods'),
        maxProfiles: this.configuration.number('MaxChargingProfilesInstalled'),
        allowedUnits: ['A', 'W'],
      },
      count,
    );
    this.lastTick = this.clock();
    this.configuration.onChange((key) => {
      if (key === 'HeartbeatInterval') this.restartHeartbeat();
      if (key === 'WebSocketPingInterval') this.restartPings();
      if (key === 'MeterValueSampleInterval') this.restartSampling();
      if (key === 'ClockAlignedDataInterval') this.restartAligned();
    });
  }

  // ---- the outside world: the API, the CLI and demos drive these ----

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.tickTimer = setInterval(() => this.tick(), this.options.tickMs ?? 1000);
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    clearInterval(this.tickTimer);
    this.stopSessionTimers();
    const ws = this.ws;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1000, 'simulator stopped');
        this.later(() => ws.terminate(), 1000);
      });
    }
    this.emit('connection', { state: 'stopped' });
  }

  get connected(): boolean {
    return this.booted && this.ws?.readyState === WebSocket.OPEN;
  }

  connector(id: number): Connector {
    const connector = this.connectors[id - 1];
    if (!connector) throw new Error(`no connector ${id} (this charger has ${this.connectors.length})`);
    return connector;
  }

  plugIn(connectorId: number, ev: Partial<EvSpec> = {}): void {
    const connector = this.connector(connectorId);
    if (connector.plugged) return;
    connector.plugged = true;
    connector.finishing = false;
    connector.ev = new ElectricVehicle({ ...DEFAULT_EV, ...ev });
    this.log(`connector ${connectorId}: car plugged in (${Math.round(connector.ev.socPercent)} % charged)`);
    // Preparing goes out first, then the authorisation, as on a real charger.
    this.tick();
    const reservation = connector.reservation;
    const pending = connector.pendingStart;
    if (pending) void this.startTransaction(connector, pending.idTag, pending.profile);
    else if (reservation) void this.startTransaction(connector, reservation.idTag, undefined, reservation.id);
    else if (this.options.freeVend ?? true) void this.startTransaction(connector, this.options.idTag ?? 'FREEVEND');
  }

  unplug(connectorId: number): void {
    const connector = this.connector(connectorId);
    if (!connector.plugged) return;
    this.log(`connector ${connectorId}: car unplugged`);
    connector.plugged = false;
    // Finishing is reported once as the cable leaves, then Available, as chargers do.
    connector.finishing = true;
    if (connector.transaction && this.configuration.flag('StopTransactionOnEVSideDisconnect')) void this.stopTransaction(connector, 'EVDisconnected');
    else this.reportStatuses();
    connector.ev = null;
    connector.finishing = false;
    this.tick();
  }

  /** RFID card at the reader: starts (or, on the same tag, stops) a transaction when not in free-vend mode. */
  swipe(connectorId: number, idTag: string): void {
    const connector = this.connector(connectorId);
    if (connector.transaction?.idTag === idTag) void this.stopTransaction(connector, 'Local');
    else if (!connector.transaction && connector.plugged) void this.startTransaction(connector, idTag);
  }

  injectFault(connectorId: number, errorCode = 'OtherError'): void {
    this.connector(connectorId).fault = errorCode;
    this.log(`connector ${connectorId}: fault ${errorCode}`);
    this.tick();
  }

  clearFault(connectorId: number): void {
    this.connector(connectorId).fault = null;
    this.tick();
  }

  /** Close the connection as a network drop would (no close handshake); it reconnects with backoff. */
  dropConnection(): void {
    this.ws?.terminate();
  }

  // ---- the charger's own behaviour ----

  /** Physics and status: the EV draws under the active limit; changes are reported. */
  tick(): void {
    const now = this.clock();
    const dt = Math.max(0, (now - this.lastTick) / 1000);
    this.lastTick = now;
    for (const connector of this.connectors) {
      const tx = this.transactionContext(connector);
      const limit = this.profiles.limitAt(connector.id, now, this.electrical, tx);
      const offered = this.quirks.has('ignore-limit') ? this.electrical.maxCurrent : Math.min(this.electrical.maxCurrent, limit ?? Infinity);
      connector.step(dt, offered, () => Math.random() * 2 - 1);
      if (connector.pendingStart && !connector.plugged && now > connector.pendingStart.expiresAt) {
        this.log(`connector ${connector.id}: no car within ConnectionTimeOut; remote start dropped`);
        connector.pendingStart = null;
      }
      if (connector.reservation && now > connector.reservation.expiresAt) connector.reservation = null;
    }
    this.reportStatuses();
  }

  transactionContext(connector: Connector): TransactionContext | undefined {
    return connector.transaction ? { transactionId: connector.transaction.id, startedAt: connector.transaction.startedAt } : undefined;
  }

  electricalFacts(): Electrical {
    return this.electrical;
  }

  /** What this charger says about itself in BootNotification. */
  bootPayload(): Record<string, string> {
    return {
      chargePointVendor: this.options.vendor ?? 'FieldKit',
      chargePointModel: this.options.model ?? 'SimCharger 22',
      chargePointSerialNumber: this.options.serialNumber ?? `SIM-${this.id}`,
      chargeBoxSerialNumber: this.options.serialNumber ?? `SIM-${this.id}`,
      firmwareVersion: this.firmwareVersion,
      meterType: 'SimMeter',
    };
  }

  now(): number {
    return this.clock();
  }

  timestamp(at = this.clock()): string {
    return new Date(at + this.quirks.clockOffsetMs).toISOString();
  }

  log(line: string): void {
    this.emit('log', `${this.id}: ${line}`);
  }

  /** Send a charger-initiated message; transaction messages wait out a disconnection, others are dropped. */
  async send(action: string, payload: Record<string, unknown>): Promise<unknown> {
    const shaped = this.shape(action, payload);
    if (!this.connected || !this.endpoint) {
      if (OFFLINE_QUEUED.has(action)) this.offline.push({ action, payload: shaped });
      return undefined;
    }
    try {
      const result: CallSuccess = await this.endpoint.call(action, shaped, { allowInvalid: SCHEMA_BREAKING.some((q) => this.quirks.has(q)) });
      return result.payload;
    } catch (err) {
      this.log(`${action} failed: ${(err as Error).message}`);
      if (OFFLINE_QUEUED.has(action) && !this.connected) this.offline.push({ action, payload: shaped });
      return undefined;
    }
  }

  async startTransaction(connector: Connector, idTag: string, profile?: ChargingProfile, reservationId?: number): Promise<void> {
    if (connector.transaction || connector.starting) return;
    if (!this.connected) {
      // Starting needs the central system's transaction id: wait for the connection.
      connector.pendingStart = { idTag, remote: false, ...(profile ? { profile } : {}), expiresAt: Infinity };
      return;
    }
    connector.starting = true;
    connector.pendingStart = null;
    try {
      const auth = (await this.send('Authorize', { idTag })) as { idTagInfo?: { status?: string } } | undefined;
      if (auth?.idTagInfo?.status !== 'Accepted') {
        this.log(`connector ${connector.id}: ${idTag} not authorised (${auth?.idTagInfo?.status ?? 'no answer'})`);
        return;
      }
      const meterStart = Math.round(connector.energyWh);
      const startedAt = this.clock();
      const beginValues = this.readings(connector, 'Transaction.Begin', this.configuration.list('StopTxnSampledData'));
      const started = (await this.send('StartTransaction', {
        connectorId: connector.id,
        idTag,
        meterStart,
        timestamp: this.timestamp(startedAt),
        ...(reservationId !== undefined ? { reservationId } : {}),
      })) as { transactionId?: number; idTagInfo?: { status?: string } } | undefined;
      if (typeof started?.transactionId !== 'number') {
        this.log(`connector ${connector.id}: StartTransaction got no transaction id`);
        return;
      }
      connector.reservation = null;
      connector.transaction = { id: started.transactionId, idTag, startedAt, meterStart, beginValues, beginTimestamp: this.timestamp(startedAt) };
      this.log(`connector ${connector.id}: transaction ${started.transactionId} started (meterStart ${meterStart} Wh)`);
      if (started.idTagInfo?.status !== 'Accepted') {
        await this.stopTransaction(connector, 'DeAuthorized');
        return;
      }
      if (profile) this.profiles.set(connector.id, { ...profile, transactionId: started.transactionId }, this.clock(), this.transactionContext(connector));
    } finally {
      connector.starting = false;
      this.tick();
    }
  }

  async stopTransaction(connector: Connector, reason: string): Promise<void> {
    const tx = connector.transaction;
    if (!tx) return;
    this.tick();
    connector.transaction = null;
    connector.finishing = connector.plugged || connector.finishing;
    this.profiles.transactionEnded(connector.id);
    const endValues = this.readings(connector, 'Transaction.End', this.configuration.list('StopTxnSampledData'));
    const payload: Record<string, unknown> = {
      transactionId: tx.id,
      idTag: tx.idTag,
      meterStop: Math.round(connector.energyWh),
      timestamp: this.timestamp(),
      reason,
    };
    if (endValues.length > 0) {
      payload.transactionData = [
        { timestamp: tx.beginTimestamp, sampledValue: tx.beginValues },
        { timestamp: this.timestamp(), sampledValue: endValues },
      ];
    }
    if (this.quirks.has('no-meter-stop')) delete payload.meterStop;
    this.log(`connector ${connector.id}: transaction ${tx.id} stopped (${reason}, ${Math.round(connector.energyWh - tx.meterStart)} Wh)`);
    if (connector.inoperativeScheduled) {
      connector.operative = false;
      connector.inoperativeScheduled = false;
    }
    this.tick();
    await this.send('StopTransaction', payload);
  }

  readings(connector: Connector, context: ReadingContext, measurands: readonly string[]) {
    return sampledValues(connector.electrical(), measurands, context, this.quirks);
  }

  async sendMeterValues(connector: Connector, context: ReadingContext, measurands = this.configuration.list('MeterValuesSampledData')): Promise<void> {
    this.tick();
    const sampledValue = this.readings(connector, context, measurands);
    if (sampledValue.length === 0) return;
    await this.send('MeterValues', {
      connectorId: connector.id,
      ...(connector.transaction ? { transactionId: connector.transaction.id } : {}),
      meterValue: [{ timestamp: this.timestamp(), sampledValue }],
    });
  }

  async sendStatus(connectorId: number, force = false): Promise<void> {
    const status: ConnectorStatus =
      connectorId === 0
        ? this.connectors.every((c) => !c.operative)
          ? 'Unavailable'
          : 'Available'
        : this.connector(connectorId).status(this.quirks.has('charging-status-at-zero-power'));
    const errorCode = connectorId === 0 ? 'NoError' : (this.connector(connectorId).fault ?? 'NoError');
    if (connectorId > 0) {
      const connector = this.connector(connectorId);
      if (!force && connector.reportedStatus === status && connector.reportedErrorCode === errorCode) return;
      connector.reportedStatus = status;
      connector.reportedErrorCode = errorCode;
    }
    this.emit('status', { connectorId, status, errorCode });
    await this.send('StatusNotification', { connectorId, errorCode, status, timestamp: this.timestamp() });
  }

  reportStatuses(): void {
    if (!this.connected) return;
    for (const connector of this.connectors) void this.sendStatus(connector.id);
  }

  /** Reset: end what must end, close the connection, come back after the reboot. */
  reboot(kind: 'Soft' | 'Hard' | 'Firmware'): void {
    const keepTransactions = kind === 'Soft' && this.quirks.has('energy-register-resets');
    const reason = kind === 'Soft' ? 'SoftReset' : kind === 'Hard' ? 'HardReset' : 'Reboot';
    const stopping = keepTransactions ? [] : this.connectors.filter((c) => c.transaction).map((c) => this.stopTransaction(c, reason));
    void Promise.all(stopping).then(() => {
      this.log(`rebooting (${kind})`);
      this.booted = false;
      this.stopSessionTimers();
      this.ws?.close(1000, 'rebooting');
      this.later(() => {
        if (this.quirks.has('energy-register-resets')) for (const c of this.connectors) c.energyWh = 0;
        for (const c of this.connectors) c.reportedStatus = null;
        if (!this.stopped) this.connect();
      }, this.options.rebootMs ?? 2000);
    });
  }

  async updateFirmware(location: string, retrieveAt: number, retries: number, retryIntervalSeconds: number): Promise<void> {
    const report = async (status: string) => {
      this.firmwareStatus = status;
      await this.send('FirmwareStatusNotification', { status });
    };
    await this.sleep(Math.max(0, retrieveAt - this.clock()));
    let firmware: Buffer | undefined;
    // retries is how many more attempts after the first: 0 still means one try.
    for (let attempt = 0; attempt <= retries && !firmware; attempt++) {
      await report('Downloading');
      try {
        firmware = await download(location, this.transferOptions());
        this.log(`firmware downloaded: ${firmware.length} bytes from ${location}`);
      } catch (err) {
        this.log(`firmware download failed: ${(err as Error).message}`);
        if (attempt < retries) await this.sleep(retryIntervalSeconds * 1000);
      }
    }
    if (!firmware) return report('DownloadFailed');
    await report('Downloaded');
    await report('Installing');
    await this.sleep(200);
    this.firmwareVersion = nextFirmwareVersion(location, this.firmwareVersion);
    await report('Installed');
    this.reboot('Firmware');
  }

  async uploadDiagnostics(location: string, fileName: string): Promise<void> {
    const report = async (status: string) => {
      this.diagnosticsStatus = status;
      await this.send('DiagnosticsStatusNotification', { status });
    };
    await report('Uploading');
    const content = Buffer.from(this.diagnosticsReport());
    try {
      await upload(location, fileName, content, this.transferOptions());
      this.log(`diagnostics uploaded: ${content.length} bytes to ${location}`);
      await report('Uploaded');
    } catch (err) {
      this.log(`diagnostics upload failed: ${(err as Error).message}`);
      await report('UploadFailed');
    }
  }

  diagnosticsReport(): string {
    const lines = [
      `OCPP Field Kit simulated charge point ${this.id}`,
      `firmware ${this.firmwareVersion}, boot ${this.bootCount}, at ${this.timestamp()}`,
      ...this.connectors.map(
        (c) => `connector ${c.id}: ${c.status(false)} energy=${Math.round(c.energyWh)} Wh power=${Math.round(c.powerW)} W tx=${c.transaction?.id ?? '-'}`,
      ),
      ...this.configuration.read(undefined).configurationKey.map((k) => `${k.key}=${k.value}`),
    ];
    return `${lines.join('\n')}\n`;
  }

  later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(resolve, ms));
  }

  private transferOptions() {
    return { insecure: this.options.insecure ?? false, ...(this.options.ca ? { ca: this.options.ca } : {}) };
  }

  /** Quirks that change what goes on the wire. */
  private shape(action: string, payload: Record<string, unknown>): Record<string, unknown> {
    if (!this.quirks.has('numbers-as-strings')) return payload;
    const shaped = { ...payload };
    for (const key of ['connectorId', 'meterStart', 'meterStop', 'transactionId']) if (typeof shaped[key] === 'number') shaped[key] = String(shaped[key]);
    return shaped;
  }

  // ---- the connection ----

  private targetUrl(): string {
    let base = this.options.url.replace(/\/+$/, '');
    // A ws-only charger given a wss URL speaks plain ws to that port anyway.
    if (this.quirks.has('ws-only')) base = base.replace(/^wss:/, 'ws:');
    return `${base}/${encodeURIComponent(this.id)}`;
  }

  private connect(): void {
    if (this.stopped) return;
    const url = this.targetUrl();
    this.emit('connection', { state: 'connecting' });
    const headers: Record<string, string> = {};
    if (this.options.password && !this.quirks.has('no-basic-auth')) {
      headers.Authorization = `Basic ${Buffer.from(`${this.id}:${this.configuration.get('AuthorizationKey') || this.options.password}`).toString('base64')}`;
    }
    const ws = new WebSocket(url, ['ocpp1.6'], {
      headers,
      handshakeTimeout: 15_000,
      rejectUnauthorized: !(this.options.insecure ?? false),
      ...(this.options.ca ? { ca: this.options.ca } : {}),
      ...(this.quirks.has('tls-1.3-only') ? { minVersion: 'TLSv1.3' as const, maxVersion: 'TLSv1.3' as const } : {}),
    });
    this.ws = ws;
    let failure = '';
    ws.on('unexpected-response', (req, res) => {
      failure = `HTTP ${res.statusCode}`;
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => this.log(`refused: HTTP ${res.statusCode} ${body.trim()}`));
      req.destroy();
      this.onClosed(ws, failure);
    });
    ws.on('error', (err) => {
      failure = err.message;
    });
    ws.on('open', () => this.onOpen(ws));
    ws.on('close', (code, reason) => this.onClosed(ws, failure || `${code}${reason.length ? ` ${reason.toString()}` : ''}`));
  }

  private onOpen(ws: WebSocket): void {
    this.endpoint = new RpcEndpoint({
      sink: { send: (text) => ws.send(text) },
      role: 'chargePoint',
      handler: (call) => handleCentralCall(this, call),
      observe: (frame) => this.emit('frame', frame),
      callTimeoutMs: this.options.callTimeoutMs ?? 30_000,
    });
    const endpoint = this.endpoint;
    ws.on('message', (data) => endpoint.receive(data.toString()));
    this.log(`connected to ${this.targetUrl()}`);
    void this.boot(ws);
  }

  private async boot(ws: WebSocket): Promise<void> {
    const answer = (await this.endpoint
      ?.call('BootNotification', this.bootPayload())
      .catch((err: Error) => (this.log(`BootNotification failed: ${err.message}`), undefined))) as CallSuccess | undefined;
    if (!answer || this.ws !== ws) return;
    const { status, interval } = answer.payload as { status?: string; interval?: number };
    if (status !== 'Accepted') {
      // Pending/Rejected: try again after the interval, send nothing else meanwhile (spec §4.2).
      this.log(`BootNotification ${status}; retrying in ${interval ?? 60} s`);
      this.later(() => this.ws === ws && void this.boot(ws), Math.max(1, interval ?? 60) * 1000);
      return;
    }
    this.booted = true;
    this.bootCount++;
    this.reconnectAttempt = 0;
    if (typeof interval === 'number' && interval > 0) this.configuration.setInternal('HeartbeatInterval', String(interval));
    this.restartHeartbeat();
    this.restartPings();
    this.restartSampling();
    this.restartAligned();
    // After every (re)connection: the state of every connector, and what waited for the connection.
    const reports = [this.sendStatus(0, true), ...this.connectors.map((c) => this.sendStatus(c.id, true))];
    this.tick();
    // Announced once the boot reports are queued, so whatever a listener does comes after them.
    this.emit('connection', { state: 'connected' });
    await Promise.all(reports);
    for (const item of this.offline.splice(0)) await this.send(item.action, item.payload);
    for (const connector of this.connectors) {
      if (connector.pendingStart && connector.plugged) void this.startTransaction(connector, connector.pendingStart.idTag, connector.pendingStart.profile);
    }
  }

  private onClosed(ws: WebSocket, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    this.booted = false;
    this.endpoint?.close(`connection closed (${reason})`);
    this.endpoint = undefined;
    this.stopSessionTimers();
    this.emit('connection', { state: 'disconnected', reason });
    if (this.stopped || reason.includes('rebooting')) return;
    const delay = backoffDelay(this.reconnectAttempt, this.options.reconnectBaseMs ?? 1000, this.options.reconnectMaxMs ?? 30_000);
    this.reconnectAttempt++;
    this.log(`disconnected (${reason}); reconnecting in ${(delay / 1000).toFixed(1)} s`);
    this.later(() => this.connect(), delay);
  }

  private stopSessionTimers(): void {
    clearInterval(this.heartbeatTimer);
    clearInterval(this.sampleTimer);
    clearTimeout(this.alignedTimer);
    clearInterval(this.pingTimer);
    this.heartbeatTimer = this.sampleTimer = this.alignedTimer = this.pingTimer = undefined;
  }

  private restartPings(): void {
    clearInterval(this.pingTimer);
    const seconds = this.configuration.number('WebSocketPingInterval');
    if (this.booted && seconds > 0) this.pingTimer = setInterval(() => this.ws?.ping(), seconds * 1000);
  }

  private restartHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    const seconds = this.configuration.number('HeartbeatInterval');
    if (this.booted && seconds > 0) this.heartbeatTimer = setInterval(() => void this.send('Heartbeat', {}), seconds * 1000);
  }

  private restartSampling(): void {
    clearInterval(this.sampleTimer);
    const seconds = this.configuration.number('MeterValueSampleInterval');
    if (!this.booted || seconds <= 0) return;
    this.sampleTimer = setInterval(() => {
      for (const connector of this.connectors) if (connector.transaction) void this.sendMeterValues(connector, 'Sample.Periodic');
    }, seconds * 1000);
  }

  private restartAligned(): void {
    clearTimeout(this.alignedTimer);
    const seconds = this.configuration.number('ClockAlignedDataInterval');
    if (!this.booted || seconds <= 0) return;
    const period = seconds * 1000;
    const wait = period - (this.clock() % period);
    this.alignedTimer = setTimeout(() => {
      for (const connector of this.connectors) void this.sendMeterValues(connector, 'Sample.Clock', this.configuration.list('MeterValuesAlignedData'));
      this.restartAligned();
    }, wait);
  }
}

/** The version the new firmware reports: from the file name where it carries one (fw-2.0.1.bin), else the next patch. */
function nextFirmwareVersion(location: string, current: string): string {
  const named = /(\d+\.\d+\.\d+)/.exec(location.split('/').pop() ?? '')?.[1];
  if (named) return named;
  const parts = current.split('.').map(Number);
  return parts.every(Number.isFinite) ? [...parts.slice(0, -1), (parts.at(-1) ?? 0) + 1].join('.') : `${current}-updated`;
}
