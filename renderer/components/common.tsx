/** Small shared pieces: the outcome of a call, copy buttons, badges, pending states. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutcome } from '../../app/host/contract.ts';
import type { Pending } from '../hooks.ts';
import { age, ms } from '../format.ts';
import { useNow } from '../hooks.ts';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
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
    <button type="button" className="small" onClick={copy} title={t('common.copyTitle', { text })}>
      {copied === 'yes' ? t('common.copied') : copied === 'failed' ? t('common.selectAndCopy') : (label ?? t('common.copy'))}
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
  const { t } = useTranslation();
  const now = useNow(500);
  if (pending.state === 'idle') return null;
  if (pending.state === 'pending')
    return (
      <div className="outcome pending" data-testid={testId} data-state="pending">
        {t('common.waitingAnswer', { age: age(now - pending.since) })}
        {onForget && (
          <button type="button" className="small" onClick={onForget}>
            {t('common.stopWaiting')}
          </button>
        )}
      </div>
    );
  if (pending.state === 'error')
    return (
      <div className="outcome bad" data-testid={testId} data-state="error">
        {t('common.notSent', { message: pending.message })}
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
        {typeof status === 'string' ? <strong>{status}</strong> : t('common.answered')} {t('common.inTime', { time: ms(o.latencyMs) })}
        {o.issues.length > 0 && (
          <span className="issue">
            {' '}
            · {t('common.answerBreaksSchema', { issues: o.issues.map((i) => `${i.path || '(payload)'} ${i.message}`).join('; ') })}
          </span>
        )}
        <pre className="json small">{JSON.stringify(o.payload, null, 2)}</pre>
      </div>
    );
  }
  const what: Record<string, string> = {
    callerror: t('common.callerror', { code: o.code ?? '' }),
    timeout: t('common.timeout'),
    aborted: t('common.aborted'),
    invalid: t('common.invalid'),
    refused: t('common.refused'),
  };
  return (
    <div className="outcome bad" data-testid={testId} data-state="done" data-status={o.kind}>
      {what[o.kind] ?? o.kind}: {o.message}
    </div>
  );
}

export function CommandState<T>({ pending, children }: { pending: Pending<T>; children?: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  if (pending.state === 'pending') return <span className="muted">{t('common.working')}</span>;
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
