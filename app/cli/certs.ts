/**
 * `fieldkit certs`: the data folder's local CA headless — its certificate to install in a charger, a
 * charger's client certificate and key for Security Profile 3, and other CAs to trust.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorityError } from '../certs/authority-error.ts';
import { Certificates } from '../certs/certificates.ts';
import type { CertificateFacts } from '../certs/facts.ts';
import { oneLine } from '../lib/printable.ts';
import { EnvironmentError, UsageError, parseCommandLine, positiveNumber } from './args.ts';
import { defaultDataDir } from './data-dir.ts';

export const CERTS_USAGE = `fieldkit certs ca --out FILE [--data DIR]
  writes the local CA's certificate (PEM): install it in a charger (or a test client) as trusted;
  the CA is made on first use, its key kept in the data folder (0600) and never exported
fieldkit certs issue ID --out DIR [--days N] [--key-type ec|rsa] [--data DIR]
  a client certificate for charge point ID (CN = ID, clientAuth, 365 days) and its key:
  DIR/ID.pem (the certificate followed by the CA's) and DIR/ID.key
fieldkit certs import-ca FILE [--data DIR]
  trusts the CA certificates in FILE (PEM) for client certificates (a manufacturer's, an operator's)
fieldkit certs list [--data DIR]
  the CAs whose client certificates \`serve --security-profile 3\` accepts`;

export async function certs(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseCommandLine({
    args: rest,
    options: { out: { type: 'string' }, data: { type: 'string' }, days: { type: 'string' }, 'key-type': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const certificates = new Certificates(values.data ?? defaultDataDir());
  const print = (line: string) => out.write(`${line}\n`);
  try {
    switch (sub) {
      case 'ca': {
        if (!values.out) throw new UsageError('certs ca needs --out FILE');
        writeFileSync(values.out, await certificates.caPem());
        const ca = certificates.trust.list().find((c) => c.source === 'local')!;
        print(`wrote the local CA's certificate to ${oneLine(values.out)}`);
        print(describe(ca.facts));
        return 0;
      }
      case 'issue': {
        if (positionals.length !== 1) throw new UsageError('certs issue wants one charge point ID');
        if (!values.out) throw new UsageError('certs issue needs --out DIR');
        const id = positionals[0]!;
        const keyType = values['key-type'] ?? 'ec';
        if (keyType !== 'ec' && keyType !== 'rsa') throw new UsageError(`--key-type wants ec or rsa, not "${keyType}"`);
        const days = positiveNumber(values.days, 365, '--days', 'days');
        if (!Number.isInteger(days) || days > 3650) throw new UsageError(`--days wants a whole number of days 1–3650, not "${values.days}"`);
        // The id becomes a file name: one with a path separator or a control character is refused.
        if (!/^[^/\\\p{Cc}]{1,255}$/u.test(id) || id === '.' || id === '..')
          throw new UsageError(`"${oneLine(id)}" cannot be a file name; charge point ids are short printable names`);
        mkdirSync(values.out, { recursive: true });
        const certFile = join(values.out, `${id}.pem`);
        const keyFile = join(values.out, `${id}.key`);
        for (const file of [certFile, keyFile])
          if (existsSync(file)) throw new EnvironmentError(`${oneLine(file)} exists already: choose another --out, or move it away`);
        const now = Date.now();
        const issued = await certificates.issueClient(id, { keyType, notBefore: new Date(now - 60_000), notAfter: new Date(now - 60_000 + days * 86_400_000) });
        writeFileSync(certFile, issued.chainPem);
        writeFileSync(keyFile, issued.keyPem, { mode: 0o600 });
        print(`issued a client certificate for ${oneLine(id)}:`);
        print(`  ${oneLine(certFile)} (certificate and CA)`);
        print(`  ${oneLine(keyFile)} (private key: install it in the charger, keep it nowhere else)`);
        print(describe(issued.facts));
        return 0;
      }
      case 'import-ca': {
        if (positionals.length !== 1) throw new UsageError('certs import-ca wants one FILE (PEM)');
        let text: string;
        try {
          text = readFileSync(positionals[0]!, 'utf8');
        } catch (err) {
          throw new EnvironmentError(`cannot read ${oneLine(positionals[0]!)}: ${(err as Error).message}`);
        }
        for (const facts of certificates.importCa(text)) print(`trusted for client certificates: ${describe(facts)}`);
        print('a running `fieldkit serve --security-profile 3` takes it at its next start');
        return 0;
      }
      case 'list': {
        for (const c of certificates.trust.list()) print(`${c.source === 'local' ? 'local CA ' : 'imported '} ${describe(c.facts)}`);
        if (certificates.trust.list().length === 0)
          print('no CA yet: one is made by `fieldkit certs ca`, `certs issue` or the first start of the central system');
        return 0;
      }
      default:
        throw new UsageError(sub === undefined ? 'certs wants ca, issue, import-ca or list' : `unknown certs command "${oneLine(sub)}"`);
    }
  } catch (err) {
    // A refusal about a file or the CA (not a CA certificate, the key is gone) is the machine's, not a typo.
    if (err instanceof AuthorityError) throw new EnvironmentError(err.message);
    throw err;
  }
}

function describe(facts: CertificateFacts): string {
  return `${oneLine(facts.subject)}, issued by ${oneLine(facts.issuer)}, ${facts.key}, valid ${facts.validFrom.slice(0, 10)} to ${facts.validTo.slice(0, 10)}, SHA-256 ${facts.sha256}`;
}
