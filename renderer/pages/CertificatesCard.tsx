/**
 * A charger's certificates (OCPP 1.6 security extension): its SecurityProfile key, "renew" (the
 * charger asks for a certificate with SignCertificate, the local CA signs it, CertificateSigned sends
 * it back), this app's CA installed as its trusted server CA, the CA certificates installed in it (with
 * delete), the CSRs and certificates of this session, and the security events it reported.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChargerView, OcppResponse } from '../../app/host/contract.ts';
import { useChargerCall, useHostContext } from '../hooks.ts';
import { Badge, Outcome } from '../components/common.tsx';
import { clock, dateTime } from '../format.ts';
import { said } from '../said.ts';
import { CertificateLine } from './SecurityPanel.tsx';

type HashData = NonNullable<OcppResponse<'GetInstalledCertificateIds'>['certificateHashData']>[number];
const TYPES = ['CentralSystemRootCertificate', 'ManufacturerRootCertificate'] as const;

export function CertificatesCard({ chargerId, view, recorded }: { chargerId: string; view: ChargerView; recorded: boolean }) {
  const { t } = useTranslation();
  const { host } = useHostContext();
  const security = view.security;
  const [profile, readProfile, forgetProfile] = useChargerCall<'GetConfiguration'>();
  const [renewed, renew, forgetRenew] = useChargerCall<'ExtendedTriggerMessage'>();
  const [installed, install, forgetInstall] = useChargerCall<'InstallCertificate'>();
  const [listed, list, forgetList] = useChargerCall<'GetInstalledCertificateIds'>();
  const [deleted, remove, forgetDelete] = useChargerCall<'DeleteCertificate'>();
  const [certificateType, setCertificateType] = useState<(typeof TYPES)[number]>('CentralSystemRootCertificate');
  const [caProblem, setCaProblem] = useState<string | null>(null);
  const read =
    profile.state === 'done' && profile.value.ok ? profile.value.payload.configurationKey?.find((k) => k.key === 'SecurityProfile')?.value : undefined;
  const shownProfile = read ?? security.profile;
  const hashes: readonly HashData[] = listed.state === 'done' && listed.value.ok ? (listed.value.payload.certificateHashData ?? []) : [];

  const installOurCa = async () => {
    setCaProblem(null);
    try {
      const ca = await host.invoke('certs.caPem', {});
      await install(chargerId, 'InstallCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: ca.content });
    } catch (err) {
      setCaProblem((err as Error).message);
    }
  };
  const nothingYet = security.requests.length === 0 && security.signed.length === 0 && security.events.length === 0 && security.signedFirmware.length === 0;
  if (recorded && nothingYet && !view.connection?.clientCertificate) return null;

  return (
    <section className="card" data-testid="certificates-card">
      <h2>{t('certificates.title')}</h2>
      <dl>
        <dt>SecurityProfile</dt>
        <dd data-testid="security-profile-key">
          {shownProfile ?? t('certificates.notRead')}{' '}
          {!recorded && (
            <button type="button" className="small" onClick={() => void readProfile(chargerId, 'GetConfiguration', { key: ['SecurityProfile'] })}>
              {t('certificates.read')}
            </button>
          )}
          <Outcome pending={profile.state === 'done' && profile.value.ok ? { state: 'idle' } : profile} onForget={forgetProfile} />
        </dd>
      </dl>
      {!recorded && (
        <>
          <div className="row">
            <button
              type="button"
              onClick={() => void renew(chargerId, 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' })}
              data-testid="certificate-renew"
            >
              {t('certificates.renew')}
            </button>
            <button type="button" onClick={() => void installOurCa()} data-testid="certificate-install-ca">
              {t('certificates.installCa')}
            </button>
          </div>
          <Outcome pending={renewed} onForget={forgetRenew} testId="certificate-renew-result" />
          <Outcome pending={installed} onForget={forgetInstall} testId="certificate-install-result" />
          {caProblem && <p className="error-text">{caProblem}</p>}
          <p className="muted small-text">{t('certificates.renewExplained')}</p>
          <div className="row">
            <select value={certificateType} onChange={(e) => setCertificateType(e.target.value as (typeof TYPES)[number])} aria-label={t('certificates.type')}>
              {TYPES.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
            <button type="button" onClick={() => void list(chargerId, 'GetInstalledCertificateIds', { certificateType })} data-testid="certificate-list">
              {t('certificates.list')}
            </button>
          </div>
          <Outcome pending={listed.state === 'done' && listed.value.ok && hashes.length > 0 ? { state: 'idle' } : listed} onForget={forgetList} />
          {hashes.length > 0 && (
            <ul className="small-text" data-testid="installed-certificates">
              {hashes.map((h) => (
                <li key={`${h.issuerKeyHash}-${h.serialNumber}`}>
                  <code>{h.serialNumber}</code> <span className="muted">{t('certificates.issuerHash', { hash: h.issuerNameHash.slice(0, 16) })}</span>{' '}
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      window.confirm(t('certificates.confirmDelete', { serial: h.serialNumber })) &&
                      void remove(chargerId, 'DeleteCertificate', { certificateHashData: h }).then(() =>
                        list(chargerId, 'GetInstalledCertificateIds', { certificateType }),
                      )
                    }
                  >
                    {t('certificates.delete')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Outcome pending={deleted} onForget={forgetDelete} />
        </>
      )}
      {(security.requests.length > 0 || security.signed.length > 0) && (
        <>
          <h3>{t('certificates.requests')}</h3>
          <ul className="small-text" data-testid="certificate-requests">
            {security.requests.map((r) => (
              <li key={`r${r.seq}`}>
                {clock(r.at)} <Badge tone={r.accepted ? 'ok' : 'bad'}>{r.accepted ? t('certificates.signed') : t('certificates.refused')}</Badge>{' '}
                {r.accepted && r.certificate ? <CertificateLine facts={r.certificate} /> : said(r.said, r.reason ?? '')}
              </li>
            ))}
            {security.signed.map((s) => (
              <li key={`s${s.seq}`}>
                {clock(s.at)} CertificateSigned: <strong>{s.status}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('certificates.events')}</h3>
      {security.events.length === 0 ? (
        <p className="muted small-text">{t('certificates.noEvents')}</p>
      ) : (
        <ul className="small-text" data-testid="security-events">
          {security.events.map((e) => (
            <li key={e.seq}>
              {dateTime(e.at)} <strong>{e.type}</strong>
              {e.techInfo ? <span className="muted"> {e.techInfo}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {security.signedFirmware.length > 0 && (
        <p className="small-text" data-testid="signed-firmware">
          SignedFirmwareStatusNotification: {security.signedFirmware.map((f) => f.status).join(' → ')}
        </p>
      )}
    </section>
  );
}
