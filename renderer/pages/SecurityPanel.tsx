/**
 * The Connect page's security profile: how wss chargers log in (their password, or a client
 * certificate in Security Profile 3), the CAs whose client certificates are trusted (this app's own,
 * and imported ones), the local CA's certificate to install in a charger, and a charger's client
 * certificate issued here for a charger that is set up from files.
 */
import { useTranslation } from 'react-i18next';
import type { CertificateFacts, ConnectInfo } from '../../app/host/contract.ts';
import { useCommand, useHostContext } from '../hooks.ts';
import { actions } from '../state/app-store.ts';
import { Badge, CommandState } from '../components/common.tsx';
import { download, fileToBase64 } from '../format.ts';

export function SecurityPanel({ connect, chargerId }: { connect: ConnectInfo; chargerId: string }) {
  const { t } = useTranslation();
  const { host, store } = useHostContext();
  const [profile, runProfile] = useCommand('central.setSecurityProfile');
  const [imported, runImport] = useCommand('certs.importCa');
  const [removed, runRemove] = useCommand('certs.removeCa');
  const [issued, runIssue] = useCommand('certs.issue');
  const refresh = async () => store.setState({ connect: await host.invoke('connect.info', {}) });

  const choose = async (value: 2 | 3) => {
    if (value === connect.securityProfile) return;
    // A running central system restarts on the same ports: connected chargers reconnect.
    if (!window.confirm(t('security.confirmRestart', { profile: value }))) return;
    if (await runProfile({ profile: value })) await refresh();
  };
  const importCa = async (file: File) => {
    if (await runImport({ contentBase64: await fileToBase64(file) })) await refresh();
  };
  const downloadCa = async () => {
    try {
      const ca = await host.invoke('certs.caPem', {});
      download(ca.fileName, ca.content, 'application/x-pem-file');
      await refresh();
    } catch (err) {
      actions.notify(store, 'error', (err as Error).message);
    }
  };
  const issue = async () => {
    const result = await runIssue({ chargerId });
    if (!result) return;
    download(`${chargerId}.pem`, result.chainPem, 'application/x-pem-file');
    download(`${chargerId}.key`, result.keyPem, 'application/x-pem-file');
    await refresh();
  };

  return (
    <section className="card" data-testid="security-panel">
      <h2>{t('security.title')}</h2>
      <div className="row" role="radiogroup" aria-label={t('security.title')}>
        {([2, 3] as const).map((p) => (
          <label key={p}>
            <input
              type="radio"
              name="security-profile"
              checked={connect.securityProfile === p}
              onChange={() => void choose(p)}
              data-testid={`security-profile-${p}`}
            />{' '}
            {t(`security.profile${p}`)}
          </label>
        ))}
        <CommandState pending={profile} />
      </div>
      <p className="muted small-text">{t(connect.securityProfile === 3 ? 'security.profile3Explained' : 'security.profile2Explained')}</p>
      <h3>{t('security.trusted')}</h3>
      {connect.trustedCas.length === 0 ? (
        <p className="muted small-text">{t('security.noCa')}</p>
      ) : (
        <ul className="cas" data-testid="trusted-cas">
          {connect.trustedCas.map((ca) => (
            <li key={ca.sha256} data-source={ca.source}>
              <Badge tone={ca.source === 'local' ? 'info' : 'idle'}>{t(`security.source.${ca.source}`)}</Badge> <CertificateLine facts={ca} />
              {ca.source === 'imported' && (
                <button
                  type="button"
                  className="small"
                  onClick={() => void runRemove({ sha256: ca.sha256 }).then((r) => r && refresh())}
                  data-testid="trusted-ca-remove"
                >
                  {t('security.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <CommandState pending={removed} />
      <div className="row">
        <button type="button" onClick={() => void downloadCa()} data-testid="ca-download">
          {t('security.downloadCa')}
        </button>
        <label className="file-button">
          {t('security.importCa')}{' '}
          <input
            type="file"
            accept=".pem,.crt,.cer,application/x-pem-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importCa(file);
            }}
            data-testid="ca-import"
          />
        </label>
        <CommandState pending={imported}>{(r) => <span className="ok-text">{t('security.imported', { count: r.imported.length })}</span>}</CommandState>
      </div>
      <div className="row">
        <button type="button" onClick={() => void issue()} disabled={!chargerId} data-testid="cert-issue">
          {t('security.issue', { id: chargerId || '…' })}
        </button>
        <CommandState pending={issued}>{(r) => <span className="ok-text">{t('security.issued', { until: r.facts.validTo.slice(0, 10) })}</span>}</CommandState>
      </div>
      <p className="muted small-text">{t('security.issueExplained')}</p>
    </section>
  );
}

/** One certificate in a line: who, by whom, until when, what key, and its fingerprint on hover. */
export function CertificateLine({ facts }: { facts: CertificateFacts }) {
  const { t } = useTranslation();
  return (
    <span className="certificate" title={`SHA-256 ${facts.sha256}`}>
      <strong>{facts.commonName ?? facts.subject}</strong>{' '}
      <span className="muted">
        {t('security.certificateLine', { issuer: facts.issuer, from: facts.validFrom.slice(0, 10), to: facts.validTo.slice(0, 10), key: facts.key })}
      </span>
    </span>
  );
}
