/**
 * The composition root of the app's core: the certificate, the central system with its recordings,
 * and the host over them. The Electron main process and `fieldkit serve` both start exactly this.
 */
import { loadOrCreateCertificate, loadUserCertificate, localIPv4Addresses, type ServerCertificate } from '../central/certificate.ts';
import { CentralSystem } from '../central/central-system.ts';
import { warmUpValidator } from '../ocpp/validator.ts';
import { sessionOpener } from '../store/session-store.ts';
import type { ConnectInfo } from './contract.ts';
import { SimulatedChargers } from './simulated.ts';
import { Host } from './host.ts';
import { ChargerModels } from '../charger/registry.ts';
import { startFileServer, type FileServer, type ReceivedFile } from '../central/file-server.ts';
import { FtpTransfers } from '../central/ftp-transfers.ts';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { sha256OfFile } from '../lib/file-hash.ts';
import { msg, type Message, type Said } from '../lib/message.ts';
import { Certificates } from '../certs/certificates.ts';
import type { SecretStore } from '../certs/file-secret.ts';
import type { SecurityProfile } from '../central/client-certificate.ts';
import type { ChargerModel } from '../charger/model.ts';
import { updateSettings, type Settings } from './settings.ts';
import { SessionLibrary } from '../sessions/library.ts';
import { ListenerLog } from '../store/listener-log.ts';
import { SessionViewer } from '../sessions/viewer.ts';
import { Relay, type RelayStores } from '../relay/relay.ts';
import type { RelayTargetConfig } from '../relay/target.ts';
import type { ClientIdentity } from '../relay/client-identity.ts';
import type { Backoff } from '../relay/upstream.ts';
import { SerialConsoles } from '../serial/consoles.ts';
import type { SerialPorts } from '../serial/port.ts';

export interface CoreOptions {
  readonly dataDir: string;
  /** Address the central system listens on ('0.0.0.0': reachable by chargers on the LAN). */
  readonly host: string;
  readonly wsPort: number | null;
  readonly wssPort: number | null;
  readonly passwords: ReadonlyMap<string, string>;
  readonly acceptAny: boolean;
  readonly heartbeatInterval?: number;
  readonly callTimeoutMs?: number;
  readonly userCertificate?: { readonly certFile: string; readonly keyFile: string };
  /** Answer schema-invalid CALLs with a CALLERROR unless a charger is set otherwise. */
  readonly strictByDefault?: boolean;
  /** Port of the file server chargers download firmware from (0: any free port). */
  readonly filePort?: number;
  /** FTP control port for transfers over ftp:// (default: any free port; the CLI and the desktop app use 2121) and its passive data ports. */
  readonly ftpPort?: number;
  readonly ftpPassivePorts?: readonly [number, number];
  /** Where passwords set in the UI are kept between runs (the desktop app's OS-encrypted store); memory only when absent. */
  readonly passwordVault?: PasswordVault;
  /** Where ports chosen in the UI are remembered (the desktop app's settings.json); not kept when absent. */
  readonly settingsFile?: string;
  /** Relay: where targets and upstream passwords are kept (memory only when absent), targets given on start (CLI). */
  readonly relay?: {
    readonly stores?: RelayStores;
    readonly targets?: readonly {
      readonly chargerId: string;
      readonly config: RelayTargetConfig;
      readonly password: string | null;
      readonly identity?: ClientIdentity | null;
    }[];
    readonly backoff?: Backoff;
  };
  /** The OS's serial ports (native/serial.ts, given by the desktop app and the CLI); consoles are off without. */
  readonly serialPorts?: SerialPorts;
  /** How long a client may take to become a charger (TLS handshake + upgrade); 10 s by default (tests shorten it). */
  readonly handshakeDeadlineMs?: number;
  /** Sessions older than this many days are deleted at start (never one of this run); null keeps all. */
  readonly retentionDays?: number | null;
  /** wss chargers log in with their password (2, the default) or their client certificate (3). */
  readonly securityProfile?: SecurityProfile;
  /** Where the local CA's key is kept: the desktop app's OS-protected store; a 0600 file in the data folder when absent. */
  readonly caKeyStore?: SecretStore;
}

/** A store for charger passwords that never writes them in clear (native/secrets.ts on Electron's safeStorage). */
export interface PasswordVault {
  load(): Record<string, string>;
  save(passwords: Record<string, string>): void;
  /** Why passwords are not kept between runs (no OS encryption), null when they are. */
  readonly problem?: Said | null;
}

export interface Core {
  readonly central: CentralSystem;
  readonly relay: Relay;
  readonly serial: SerialConsoles;
  readonly library: SessionLibrary;
  readonly viewer: SessionViewer;
  /** Every charger's live model, folded from its records. */
  readonly models: ChargerModels;
  /** Serves firmware to chargers (UpdateFirmware). */
  readonly fileServer: FileServer;
  /** Firmware and diagnostics over FTP: listens only while a transfer is offered. */
  readonly ftp: FtpTransfers;
  readonly host: Host;
  /** The chargers this app simulates itself (the demo, check --simulate). */
  readonly simulated: SimulatedChargers;
  readonly certificate: ServerCertificate | null;
  /** The local CA, the trusted CAs, issuing and signing. */
  readonly certificates: Certificates;
  connectInfo(): ConnectInfo;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  warmUpValidator();
  const certificates = new Certificates(options.dataDir, options.caKeyStore);
  const certificate =
    options.wssPort === null
      ? null
      : options.userCertificate
        ? loadUserCertificate(options.userCertificate.certFile, options.userCertificate.keyFile)
        : await loadOrCreateCertificate(options.dataDir, () => certificates.authority());
  // Profile 3 checks client certificates against the local CA among others: it exists before the listener.
  if (options.securityProfile === 3) await certificates.authority();
  // Passwords given on start (CLI) win over the kept ones; those set later in the UI are kept.
  const kept = options.passwordVault?.load() ?? {};
  const passwords = new Map([...Object.entries(kept), ...options.passwords]);
  /** Keeps a password where the host keeps them (the OS-encrypted vault of the desktop app; memory otherwise). */
  const keepPassword = (chargerId: string, password: string | null) => {
    if (password === null) delete kept[chargerId];
    else kept[chargerId] = password;
    options.passwordVault?.save(kept);
  };
  const setPassword = (chargerId: string, password: string | null) => {
    central!.setPassword(chargerId, password);
    keepPassword(chargerId, password);
  };
  const relay = new Relay({
    ...(options.relay?.stores ? { stores: options.relay.stores } : {}),
    ...(options.relay?.backoff ? { backoff: options.relay.backoff } : {}),
  });
  for (const t of options.relay?.targets ?? []) relay.setTarget(t.chargerId, t.config, t.password, t.identity ?? null);
  let central: CentralSystem | undefined = undefined;
  const openSession = sessionOpener(
    {
      dataDir: options.dataDir,
      onWriteProblem: (sessionId, problem) => central?.emit('store-problem', { sessionId, message: problem ? problem.message : null }),
    },
    'central',
  );
  const listenerLog = new ListenerLog({ dir: join(options.dataDir, 'listener') });
  central = new CentralSystem(
    {
      host: options.host,
      wsPort: options.wsPort,
      wssPort: options.wssPort,
      ...(certificate ? { tls: certificate } : {}),
      passwords,
      acceptAny: options.acceptAny,
      heartbeatInterval: options.heartbeatInterval ?? 60,
      callTimeoutMs: options.callTimeoutMs ?? 30_000,
      strictByDefault: options.strictByDefault ?? false,
      securityProfile: options.securityProfile ?? 2,
      ...(options.handshakeDeadlineMs !== undefined ? { handshakeDeadlineMs: options.handshakeDeadlineMs } : {}),
    },
    // An AuthorizationKey the charger accepted is its password from its next connection: kept like one typed on the Connect page.
    {
      openSession,
      relay,
      listenerLog,
      passwordChanged: keepPassword,
      certificates: {
        trusted: () => certificates.trust.pems(),
        signRequest: (csr, chargerId) => certificates.signRequest(csr, chargerId),
        clockNote: (chargerId) => clockNoteOf(models.builder(chargerId).model),
      },
    },
  );
  const connectInfo = (): ConnectInfo => chargerUrls(central, options, certificate, certificates);
  const serial = new SerialConsoles({
    ...(options.serialPorts ? { ports: options.serialPorts } : {}),
    openSession: (chargerId, source) => openSession(chargerId, source),
    takenIds: () => central!.chargers().map((c) => c.id),
  });
  // Recorded sessions shown read-only: the library is never written to; an opened bundle's recording is
  // unpacked into a folder of its own, emptied at each start (what a crash left behind goes too).
  const spoolDir = join(options.dataDir, 'cache', 'opened');
  rmSync(spoolDir, { recursive: true, force: true });
  const viewer = new SessionViewer(() => [...central!.chargers(), ...serial.summaries()].map((c) => c.id));
  const models = new ChargerModels(central, serial, viewer);
  // Every session of this run is live: its file is still being appended to.
  const liveSessions = () => new Set([...central.chargers(), ...serial.summaries()].map((c) => c.sessionId));
  const library = new SessionLibrary(options.dataDir, (id) => liveSessions().has(id));
  let retentionDays = options.retentionDays ?? null;
  const pruned = retentionDays ? library.prune(retentionDays) : [];
  // A diagnostics file that arrives for a charger is filed in that charger's session (name, size,
  // checksum): the session's support bundle then carries the file, scrubbed of secrets.
  const noteReceived = (file: ReceivedFile) => {
    if (!file.chargerId) return;
    const chargerId = file.chargerId;
    // A file that cannot be read back for its checksum is still filed, without one.
    void sha256OfFile(file.file)
      .catch(() => undefined)
      .then((sha256) =>
        central!.recordChargerNote(chargerId, {
          kind: 'diagnostics-received',
          name: file.name,
          bytes: file.bytes,
          ...(sha256 ? { sha256 } : {}),
          via: file.via ?? 'http',
        }),
      );
  };
  const fileServer = await startFileServer({
    host: options.host,
    port: options.filePort ?? 0,
    uploadDir: library.diagnosticsDir,
    onReceived: noteReceived,
  });
  const ftp = new FtpTransfers({
    host: options.host,
    port: options.ftpPort ?? 0,
    ...(options.ftpPassivePorts ? { passiveMin: options.ftpPassivePorts[0], passiveMax: options.ftpPassivePorts[1] } : {}),
    workDir: join(options.dataDir, 'ftp-transfers'),
    uploadDir: library.diagnosticsDir,
    onReceived: noteReceived,
  });
  const rememberPorts = options.settingsFile ? (ports: Pick<Settings, 'wsPort' | 'wssPort'>) => updateSettings(options.settingsFile!, ports) : undefined;
  const retention = {
    get: () => retentionDays,
    set: (days: number | null) => {
      retentionDays = days;
      if (options.settingsFile) updateSettings(options.settingsFile, { retentionDays: days });
      return days ? library.prune(days) : [];
    },
    prunedAtStart: pruned,
  };
  // The session a charger's frames go to in this run: the central system's, or a serial console's.
  const sessionIdOf = (chargerId: string) => central!.sessionOf(chargerId)?.id ?? serial.sessionOf(chargerId)?.id;
  const saveReport = (chargerId: string, report: Parameters<SessionLibrary['saveReport']>[1]) => {
    const sessionId = sessionIdOf(chargerId);
    if (sessionId) library.saveReport(sessionId, report);
  };
  const loadLatestReport = (chargerId: string) => {
    const sessionId = sessionIdOf(chargerId);
    return sessionId ? library.latestReport(sessionId) : null;
  };
  const simulated = new SimulatedChargers();
  const host = new Host({
    central,
    simulated,
    ftp,
    models,
    fileServer,
    connectInfo,
    setPassword,
    relay,
    serial,
    library,
    retention,
    saveReport,
    loadLatestReport,
    viewer,
    spoolDir,
    certificates,
    ...(rememberPorts ? { rememberPorts } : {}),
    ...(options.settingsFile ? { rememberSecurityProfile: (securityProfile: 2 | 3) => updateSettings(options.settingsFile!, { securityProfile }) } : {}),
  });
  return {
    central,
    relay,
    serial,
    library,
    viewer,
    models,
    fileServer,
    host,
    simulated,
    ftp,
    certificate,
    certificates,
    connectInfo,
    close: async () => {
      host.close();
      models.close();
      await Promise.all([central.stop(), fileServer.close(), ftp.close(), serial.closeAll()]);
      viewer.close();
      listenerLog.close();
    },
  };
}

/** What is known of a charger's clock, for a refusal about a certificate's dates: its last skew, when it sent a time. */
function clockNoteOf(model: ChargerModel): Message | null {
  const last = model.skew.at(-1);
  if (!last) return null;
  const seconds = Math.round(last.skewMs / 1000);
  if (Math.abs(seconds) < 60) return msg`the charger's clock was right at its last message`;
  return seconds > 0
    ? msg`the charger's clock was ${seconds} s ahead at its last message`
    : msg`the charger's clock was ${-seconds} s behind at its last message`;
}

function chargerUrls(central: CentralSystem, options: CoreOptions, certificate: ServerCertificate | null, certificates: Certificates): ConnectInfo {
  const state = central.state();
  const addresses = options.host === '0.0.0.0' ? [...localIPv4Addresses(), '127.0.0.1'] : [options.host];
  const urls: ConnectInfo['urls'][number][] = [];
  for (const address of addresses) {
    if (state.wsPort !== null) urls.push({ scheme: 'ws', address, url: `ws://${address}:${state.wsPort}/ocpp/CP_ID` });
    if (state.wssPort !== null) urls.push({ scheme: 'wss', address, url: `wss://${address}:${state.wssPort}/ocpp/CP_ID` });
  }
  return {
    urls,
    certificateFingerprints: certificate?.fingerprints ?? [],
    certificateKeys: certificate?.keys ?? [],
    certificateSource: certificate?.source ?? null,
    acceptAny: options.acceptAny,
    passwordsFor: central.passwordIds(),
    keyChanges: central.keyChangeTimes(),
    passwordStorage: options.passwordVault
      ? options.passwordVault.problem
        ? { kept: 'this-run', reason: options.passwordVault.problem }
        : { kept: 'encrypted', reason: null }
      : { kept: 'this-run', reason: msg`the headless host keeps no passwords between runs: give them with --auth-file or FIELDKIT_AUTH` },
    securityProfile: central.securityProfile(),
    trustedCas: certificates.trust.list().map((c) => ({ source: c.source, ...c.facts })),
    dataDir: options.dataDir,
  };
}
