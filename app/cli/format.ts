/** One readable line per frame or connection fact, for the terminal. */
import type { ConnectionEvent } from '../central/connection-events.ts';
import type { EventRecord, FrameRecord } from '../store/records.ts';
import type { RelayEvent } from '../relay/relay-events.ts';
import type { FrameOrigin } from '../ocpp/endpoint.ts';
import { render } from '../lib/message.ts';
import { oneLine } from '../lib/printable.ts';

const ORIGIN: Record<FrameOrigin, string> = {
  local: ' [answered locally: platform unreachable]',
  injected: ' [ours: not sent to the platform]',
  replay: ' [replayed to the platform]',
  rewritten: " [platform's transaction id]",
};

const PAYLOAD_CHARS = 160;

function clock(at: string): string {
  return at.slice(11, 23);
}

function who(charger: string | null): string {
  return oneLine(charger ?? '-').padEnd(12);
}

export function formatFrame(record: FrameRecord): string {
  // <= from the charger, => to the charger; on the relay's platform leg >> to it, << from it
  const arrow = record.leg === 'upstream' ? (record.dir === 'rx' ? '<<' : '>>') : record.dir === 'rx' ? '<=' : '=>';
  const kind = record.type === 2 ? 'CALL' : record.type === 3 ? 'RESULT' : record.type === 4 ? 'ERROR' : 'FRAME';
  const label = `${kind} ${oneLine(record.action ?? '?')}`.padEnd(34);
  // Whatever the charger put in its frame (JSON may hold a raw line break between tokens) stays on this line.
  const body = oneLine(record.raw.length > PAYLOAD_CHARS ? `${record.raw.slice(0, PAYLOAD_CHARS)}…` : record.raw);
  const latency = record.latencyMs !== undefined ? ` (${Math.round(record.latencyMs)} ms)` : '';
  const lines = [`${clock(record.at)} ${who(record.charger)} ${arrow} ${label} ${body}${latency}${record.origin ? ORIGIN[record.origin] : ''}`];
  for (const issue of record.issues) lines.push(`${' '.repeat(26)}! ${issue.kind}${issue.path ? ` ${oneLine(issue.path)}` : ''}: ${oneLine(issue.message)}`);
  return lines.join('\n');
}

export function formatEvent(record: EventRecord): string {
  const event = record.event as ConnectionEvent | RelayEvent;
  const prefix = `${clock(record.at)} ${who(record.charger)} --`;
  switch (event.kind) {
    case 'upstream-connecting':
      return `${prefix} platform: connecting to ${oneLine(event.url)}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'upstream-open':
      return `${prefix} platform: connected to ${oneLine(event.url)} as ${oneLine(event.presentAs)}${event.tls ? ` ${event.tls.version} ${event.tls.cipher}` : ' (no TLS)'} ${event.auth === 'basic' ? 'basic-auth' : event.auth === 'charger' ? "the charger's own basic-auth" : 'no credentials'}`;
    case 'upstream-down':
      return `${prefix} platform: DOWN: ${oneLine(event.reason)}${event.retryInMs > 0 ? `; retrying in ${(event.retryInMs / 1000).toFixed(1)} s` : ''}${event.backlog > 0 ? `; ${event.backlog} messages kept for replay` : ''}`;
    case 'upstream-refused':
      return `${prefix} platform: REFUSED the charger's credentials: ${oneLine(event.reason)}; the charger was let go (nothing answered or kept in its place)`;
    case 'upstream-replayed':
      return `${prefix} platform: replayed ${event.count} messages kept during the outage${event.dropped > 0 ? ` (${event.dropped} dropped: the backlog was full)` : ''}`;
    case 'upstream-replay-unanswered':
      return `${prefix} platform: no answer to the replayed ${oneLine(event.action)} ${oneLine(event.messageId)}; not sent again`;
    case 'upstream-closed':
      return `${prefix} platform: leg closed, ${oneLine(event.reason)}${event.backlog > 0 ? `; ${event.backlog} messages wait for the charger's next connection` : ''}`;
    case 'connected': {
      const tls = event.tls
        ? ` ${oneLine(event.tls.version)} ${oneLine(event.tls.cipher)}${event.tls.policyCipher ? '' : ' (NOT in the platform policy)'}${event.tls.sni ? ` sni=${oneLine(event.tls.sni)}` : ''}`
        : '';
      const cert = event.clientCertificate;
      const auth =
        event.auth.accepted === 'certificate' && cert
          ? ` client certificate CN=${oneLine(cert.commonName ?? '?')} from ${oneLine(cert.issuer)} (${cert.key}, until ${cert.validTo.slice(0, 10)})`
          : event.auth.scheme === 'basic'
            ? ` basic-auth user=${oneLine(event.auth.user)}`
            : ' no credentials';
      return [
        `${prefix} connected ${event.scheme} from ${oneLine(event.remote)} ${oneLine(event.path)}${tls}${auth}`,
        ...event.hints.map((h) => `${' '.repeat(26)}! ${oneLine(render(h))}`),
      ].join('\n');
    }
    case 'disconnected':
      return `${prefix} disconnected (${event.code}${event.reason ? ` ${oneLine(event.reason)}` : ''}) by the ${event.by} after ${Math.round(event.connectedMs / 1000)} s`;
    case 'replaced':
      return `${prefix} reconnected while its old connection from ${oneLine(event.remote)} was open; old connection closed`;
    case 'refused':
      return [
        `${prefix} REFUSED at ${event.stage} (${event.scheme} from ${oneLine(event.remote)}${event.status ? `, HTTP ${event.status}` : ''}): ${oneLine(event.reason)}`,
        ...(event.hints ?? [])
          .map((h) => render(h))
          .filter((h) => h !== event.reason)
          .map((h) => `${' '.repeat(26)}! ${oneLine(h)}`),
      ].join('\n');
    case 'certificate-request':
      return event.accepted
        ? `${prefix} SignCertificate: CSR signed by the local CA (CN=${oneLine(event.certificate?.commonName ?? '?')}, until ${event.certificate?.validTo.slice(0, 10) ?? '?'})`
        : `${prefix} SignCertificate: CSR REJECTED: ${oneLine(event.reason ?? '')}`;
    case 'certificate-signed':
      return `${prefix} CertificateSigned: ${oneLine(event.status)} (certificate ${event.certificate.sha256.slice(0, 23)}…)`;
    default:
      return `${prefix} ${oneLine((event as { kind: string }).kind)}`;
  }
}
