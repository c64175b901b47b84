/**
 * A simulated OCPP 1.6J charge point that behaves like a good real one (and, with quirks, like the
 * ones that are not): connects over ws or wss with Basic Auth, boots, heartbeats, reconnects with
 * backoff, runs transactions for the cars plugged into it, meters them, obeys charging profiles,
 * answers every central-system operation, updates firmware and uploads diagnostics.
 * A library first: tests and benchmarks run hundreds in one process; `fieldkit sim` wraps one.
 *
 * This class is the charger's body and its buttons (plug, swipe, fault); each concern lives in a
 * part of its own: the connection (link.ts), the periodic work (session-timers.ts), what it sends
 * (outbox.ts, reports.ts), transactions (transactions.ts), firmware and diagnostics (transfers.ts),
 * and the answers to the central system (operations.ts).
 */
import type { FrameObservation } from '../ocpp/endpoint.ts';
import { Emitter } from '../lib/emitter.ts';
import { Configuration } from './configuration.ts';
import { Connector, type ConnectorStatus } from './connector.ts';
import { DEFAULT_EV, ElectricVehicle, type EvSpec } from './ev.ts';
import { SimLink, type SimConnectionState } from './link.ts';
import { LocalAuthList } from './local-list.ts';
import { handleCentralCall } from './operations.ts';
import { Outbox } from './outbox.ts';
import { ftpQuirks, parseQuirks, type Quirks } from './quirks.ts';
import { Reports } from './reports.ts';
import { SessionTimers } from './session-timers.ts';
import { ProfileStore, type Electrical } from './smart-charging.ts';
import type { Station } from './station.ts';
import { TimerBag } from './timers.ts';
import { Transactions, transactionContext } from './transactions.ts';
import { Transfers } from './transfers.ts';
import { SimSecurity } from './security.ts';

export type { SimConnectionState } from './link.ts';

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
  /** How long a firmware download or diagnostics upload may take before it counts as failed (ms, default 30 000). */
  readonly transferTimeoutMs?: number;
  /** SupportedFileTransferProtocols as the charger reports it (default FTP,HTTP; '' says nothing). */
  readonly fileTransferProtocols?: string;
  /** The name of every diagnostics file it uploads (many chargers use one fixed name); default: with its id and the time. */
  readonly diagnosticsFileName?: string;
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
  /** The SecurityProfile it runs (2: password over TLS; 3: client certificate); absent: no such key. */
  readonly securityProfile?: 2 | 3;
  /** Its client certificate (PEM, with chain) and key; in Profile 3 without them it asks for one (SignCertificate). */
  readonly clientCert?: string;
  readonly clientKey?: string;
  /** A CA lent by the bench to mint broken certificates (quirks cert-expired, cert-wrong-cn). */
  readonly issuer?: { readonly cert: string; readonly key: string };
}

export type SimEvents = {
  frame: FrameObservation;
  status: { connectorId: number; status: ConnectorStatus; errorCode: string };
  connection: { state: SimConnectionState; reason?: string };
  log: string;
};

export class SimChargePoint extends Emitter<SimEvents> implements Station {
  readonly id: string;
  readonly configuration: Configuration;
  readonly profiles: ProfileStore;
  readonly quirks: Quirks;
  readonly connectors: readonly Connector[];
  readonly localList = new LocalAuthList();
  readonly transactions: Transactions;
  readonly transfers: Transfers;
  readonly reports: Reports;
  readonly security: SimSecurity;

  private readonly options: SimOptions;
  readonly diagnosticsFileName: string | undefined;
  private readonly electrical: Electrical;
  private readonly clock: () => number;
  private readonly timers = new TimerBag();
  private readonly link: SimLink;
  private readonly outbox: Outbox;
  private readonly session: SessionTimers;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private lastTick: number;
  private boots = 0;

  constructor(options: SimOptions) {
    super();
    this.options = options;
    this.id = options.id;
    this.diagnosticsFileName = options.diagnosticsFileName;
    this.clock = options.clock ?? Date.now;
    this.quirks =
      Array.isArray(options.quirks) || options.quirks === undefined ? parseQuirks((options.quirks as string[] | undefined) ?? []) : (options.quirks as Quirks);
    const count = options.connectors ?? 1;
    const phases = options.phases ?? 3;
    this.electrical = { phases, voltage: 230, maxCurrent: options.maxCurrent ?? 32 };
    this.connectors = Array.from({ length: count }, (_, i) => new Connector(i + 1, phases));
    this.configuration = new Configuration({
      numberOfConnectors: count,
      heartbeatInterval: 300,
      meterValueSampleInterval: options.meterValueSampleInterval ?? 60,
      meterValuesSampledData: options.meterValuesSampledData ?? 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage',
      ...(options.password ? { authorizationKey: options.password } : {}),
      ...(options.webSocketPingInterval !== undefined ? { webSocketPingInterval: options.webSocketPingInterval } : {}),
      ...(options.fileTransferProtocols !== undefined ? { supportedFileTransferProtocols: options.fileTransferProtocols } : {}),
      ...(options.securityProfile !== undefined ? { securityProfile: options.securityProfile } : {}),
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

    const log = (line: string) => this.log(line);
    this.security = new SimSecurity({
      id: options.id,
      vendor: options.vendor ?? 'FieldKit',
      ...(options.securityProfile !== undefined ? { profile: options.securityProfile } : {}),
      ...(options.clientCert !== undefined ? { cert: options.clientCert } : {}),
      ...(options.clientKey !== undefined ? { key: options.clientKey } : {}),
      ...(options.issuer ? { issuer: options.issuer } : {}),
      quirks: this.quirks,
      log,
      send: (action, payload) => this.outbox.send(action, payload),
      reconnect: () => this.link.reconnect(),
    });
    this.link = new SimLink(
      {
        url: options.url,
        id: options.id,
        // A changed AuthorizationKey is the password from the next connection on.
        password: () => (options.password ? this.configuration.get('AuthorizationKey') || options.password : undefined),
        quirks: this.quirks,
        tls: () => this.security.tls(),
        sendsPassword: (presentsCertificate) => this.security.sendsPassword(presentsCertificate),
        ...(options.insecure !== undefined ? { insecure: options.insecure } : {}),
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
        ...(options.reconnectBaseMs !== undefined ? { reconnectBaseMs: options.reconnectBaseMs } : {}),
        ...(options.reconnectMaxMs !== undefined ? { reconnectMaxMs: options.reconnectMaxMs } : {}),
      },
      {
        handle: (call) => handleCentralCall(this, call),
        bootPayload: () => this.bootPayload(),
        onBooted: (interval) => void this.onBooted(interval),
        onSessionEnded: () => this.session.stop(),
        onFrame: (frame) => this.emit('frame', frame),
        onState: (state, reason) => this.emit('connection', { state, ...(reason !== undefined ? { reason } : {}) }),
        log,
      },
      this.timers,
    );
    const connected = () => this.link.connected;
    const timestamp = (at?: number) => this.timestamp(at);
    const tick = () => this.tick();
    const now = () => this.clock();
    this.outbox = new Outbox(this.link, this.quirks, log);
    const common = { configuration: this.configuration, quirks: this.quirks, outbox: this.outbox, connected, timestamp, tick };
    this.reports = new Reports({ ...common, connectors: this.connectors, onStatus: (report) => this.emit('status', report) });
    this.transactions = new Transactions({ ...common, profiles: this.profiles, reports: this.reports, now, log });
    this.transfers = new Transfers(options.firmwareVersion ?? '1.4.2', {
      outbox: this.outbox,
      timers: this.timers,
      transferOptions: {
        insecure: options.insecure ?? false,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.transferTimeoutMs !== undefined ? { timeoutMs: options.transferTimeoutMs } : {}),
        ftp: ftpQuirks(this.quirks),
      },
      now,
      log,
      diagnosticsReport: () => this.diagnosticsReport(),
      reboot: () => this.reboot('Firmware'),
    });
    this.session = new SessionTimers(this.configuration, this.clock, {
      heartbeat: () => void this.outbox.send('Heartbeat', {}),
      ping: () => this.link.ping(),
      sample: () => {
        for (const connector of this.connectors) if (connector.transaction) void this.reports.meterValues(connector, 'Sample.Periodic');
      },
      aligned: () => {
        for (const connector of this.connectors) void this.reports.meterValues(connector, 'Sample.Clock', this.configuration.list('MeterValuesAlignedData'));
      },
    });
  }

  // ---- the outside world: the API, the CLI and demos drive these ----

  start(): void {
    if (this.tickTimer) return;
    this.tickTimer = setInterval(() => this.tick(), this.options.tickMs ?? 1000);
    this.link.start();
  }

  async stop(): Promise<void> {
    this.timers.clear();
    clearInterval(this.tickTimer);
    this.tickTimer = undefined;
    this.session.stop();
    await this.link.stop();
  }

  /** Booted and connected. */
  get connected(): boolean {
    return this.link.connected;
  }

  /** Accepted boots so far (reconnections and reboots each count one). */
  get bootCount(): number {
    return this.boots;
  }

  get firmwareVersion(): string {
    return this.transfers.firmwareVersion;
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
    if (pending) void this.transactions.start(connector, pending.idTag, pending.profile);
    else if (reservation) void this.transactions.start(connector, reservation.idTag, undefined, reservation.id);
    else if (this.options.freeVend ?? true) void this.transactions.start(connector, this.options.idTag ?? 'FREEVEND');
  }

  unplug(connectorId: number): void {
    const connector = this.connector(connectorId);
    if (!connector.plugged) return;
    this.log(`connector ${connectorId}: car unplugged`);
    connector.plugged = false;
    // Finishing is reported once as the cable leaves, then Available, as chargers do.
    connector.finishing = true;
    if (connector.transaction && this.configuration.flag('StopTransactionOnEVSideDisconnect')) void this.transactions.stop(connector, 'EVDisconnected');
    else this.reports.changes();
    connector.ev = null;
    connector.finishing = false;
    this.tick();
  }

  /** RFID card at the reader: starts (or, on the same tag, stops) a transaction when not in free-vend mode. */
  swipe(connectorId: number, idTag: string): void {
    const connector = this.connector(connectorId);
    if (connector.transaction?.idTag === idTag) void this.transactions.stop(connector, 'Local');
    else if (!connector.transaction && connector.plugged) void this.transactions.start(connector, idTag);
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
    this.link.drop();
  }

  // ---- the charger's own behaviour (Station: what operations.ts acts on) ----

  /** Physics and status: the EV draws under the active limit; changes are reported. */
  tick(): void {
    const now = this.clock();
    const dt = Math.max(0, (now - this.lastTick) / 1000);
    this.lastTick = now;
    for (const connector of this.connectors) {
      const limit = this.profiles.limitAt(connector.id, now, this.electrical, transactionContext(connector));
      const offered = this.quirks.has('ignore-limit') ? this.electrical.maxCurrent : Math.min(this.electrical.maxCurrent, limit ?? Infinity);
      connector.step(dt, offered, () => Math.random() * 2 - 1);
      if (connector.pendingStart && !connector.plugged && now > connector.pendingStart.expiresAt) {
        this.log(`connector ${connector.id}: no car within ConnectionTimeOut; remote start dropped`);
        connector.pendingStart = null;
      }
      if (connector.reservation && now > connector.reservation.expiresAt) connector.reservation = null;
    }
    this.reports.changes();
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

  send(action: string, payload: Record<string, unknown>): Promise<unknown> {
    return this.outbox.send(action, payload);
  }

  /** Reset: end what must end, close the connection, come back after the reboot. */
  reboot(kind: 'Soft' | 'Hard' | 'Firmware'): void {
    const keepTransactions = kind === 'Soft' && this.quirks.has('energy-register-resets');
    const reason = kind === 'Soft' ? 'SoftReset' : kind === 'Hard' ? 'HardReset' : 'Reboot';
    const stopping = keepTransactions ? [] : this.connectors.filter((c) => c.transaction).map((c) => this.transactions.stop(c, reason));
    this.security.onReboot();
    void Promise.all(stopping).then(() => {
      this.log(`rebooting (${kind})`);
      this.link.reboot(this.options.rebootMs ?? 2000, () => {
        // What the charger forgets across a reboot.
        if (this.quirks.has('energy-register-resets')) for (const c of this.connectors) c.energyWh = 0;
        for (const c of this.connectors) c.reportedStatus = null;
      });
    });
  }

  private diagnosticsReport(): string {
    const lines = [
      `OCPP Field Kit simulated charge point ${this.id}`,
      `firmware ${this.firmwareVersion}, boot ${this.boots}, at ${this.timestamp()}`,
      ...this.connectors.map(
        (c) => `connector ${c.id}: ${c.status(false)} energy=${Math.round(c.energyWh)} Wh power=${Math.round(c.powerW)} W tx=${c.transaction?.id ?? '-'}`,
      ),
      ...this.configuration.read(undefined).configurationKey.map((k) => `${k.key}=${k.value}`),
    ];
    return `${lines.join('\n')}\n`;
  }

  /** A session begins: the interval from the central system, the periodic work, and the state of every connector. */
  private async onBooted(interval: number | undefined): Promise<void> {
    this.boots++;
    if (interval !== undefined) this.configuration.setInternal('HeartbeatInterval', String(interval));
    this.session.start();
    // After every (re)connection: the state of every connector, and what waited for the connection.
    const reports = [this.reports.status(0, true), ...this.connectors.map((c) => this.reports.status(c.id, true))];
    this.tick();
    // Announced once the boot reports are queued, so whatever a listener does comes after them.
    this.emit('connection', { state: 'connected' });
    await Promise.all(reports);
    await this.outbox.flush();
    this.security.onBooted();
    for (const connector of this.connectors) {
      if (connector.pendingStart && connector.plugged) void this.transactions.start(connector, connector.pendingStart.idTag, connector.pendingStart.profile);
    }
  }
}
