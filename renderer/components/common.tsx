/** Small shared pieces: the outcome of a call, copy buttons, badges, pending states. */
import { useState, type ReactNode } from 'react';
import type { CallOutcome } from '../../app/host/contract.ts';
import type { Pending } from '../hooks.ts';
import { age, ms } from '../format.ts';
import { useNow } from '../hooks.ts';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('no'), 1500);
  };
  return (
    <button type="button" className="small" onClick={copy} title={`Copy ${text}`}>
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select and copy' : label}
    </button>
  );
}

export function Badge({ tone, children, title }: { tone: 'ok' | 'warn' | 'bad' | 'idle' | 'info'; children: ReactNode; title?: string }) {
  return (
    <span className={`badge ${tone}`} title={title}>
      {children}
    </span>
  );
}

export const verdictTone = (v: string) => (v === 'pass' ? 'ok' : v === 'fail' ? 'bad' : v === 'warn' ? 'warn' : 'idle');

/** How a call ended, in words, with the charger's answer. */
export function Outcome({ pending, onForget, testId }: { pending: Pending<CallOutcome>; onForget?: () => void; testId?: string }) {
  const now = useNow(500);
  if (pending.state === 'idle') return null;
  if (pending.state === 'pending')
    return (
      <div className="outcome pending" data-testid={testId} data-state="pending">
        Waiting for the charger's answer… {age(now - pending.since)}
        {onForget && (
          <button type="button" className="small" onClick={onForget}>
            Stop waiting
          </button>
        )}
      </div>
    );
  if (pending.state === 'error')
    return (
      <div className="outcome bad" data-testid={testId} data-state="error">
        Not sent: {pending.message}
      </div>
    );
  const o = pending.value;
  if (o.ok) {
    const status = (o.payload as { status?: unknown } | null)?.status;
    return (
      <div
        className={`outcome ${status === 'Rejected' || status === 'NotSupported' || status === 'NotImplemented' ? 'warn' : 'ok'}`}
        data-testid={testId}
        data-state="done"
        data-status={typeof status === 'string' ? status : ''}
      >
        {typeof status === 'string' ? <strong>{status}</strong> : 'Answered'} in {ms(o.latencyMs)}
        {o.issues.length > 0 && (
          <span className="issue"> · the answer breaks the schema: {o.issues.map((i) => `${i.path || '(payload)'} ${i.message}`).join('; ')}</span>
        )}
        <pre className="json small">{JSON.stringify(o.payload, null, 2)}</pre>
      </div>
    );
  }
  const what: Record<string, string> = {
    callerror: `The charger answered with CALLERROR ${o.code ?? ''}`,
    timeout: 'No answer in time: the charger may be busy or ignore this action',
    aborted: 'The connection closed before the answer',
    invalid: 'Not sent: the payload breaks the OCPP 1.6 schema',
    refused: 'Not sent',
  };
  return (
    <div className="outcome bad" data-testid={testId} data-state="done" data-status={o.kind}>
      {what[o.kind] ?? o.kind}: {o.message}
    </div>
  );
}

export function CommandState<T>({ pending, children }: { pending: Pending<T>; children?: (value: T) => ReactNode }) {
  if (pending.state === 'pending') return <span className="muted">Working…</span>;
  if (pending.state === 'error') return <span className="error-text">{pending.message}</span>;
  if (pending.state === 'done' && children) return <>{children(pending.value)}</>;
  return null;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** A card a file can be dropped on (or picked in): a console log, a session bundle. */
export function DropZone({
  testId,
  accept,
  inputTestId,
  onFile,
  children,
}: {
  testId: string;
  accept: string;
  inputTestId: string;
  onFile: (file: File) => void;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    <section
      className={`card drop-zone ${dragging ? 'dragging' : ''}`}
      data-testid={testId}
      onDragOver={(e) => (e.preventDefault(), setDragging(true))}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation(); // the window's own drop (bundles) must not see it too
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
      <input
        type="file"
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
        }}
        data-testid={inputTestId}
      />
    </section>
  );
}
