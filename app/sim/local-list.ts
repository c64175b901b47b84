/**
 * The charger's local authorisation list (OCPP 1.6 §5.15, §5.16): a version and the tags it holds,
 * replaced whole or changed by differential updates.
 */
export type SendLocalListStatus = 'Accepted' | 'VersionMismatch';

export class LocalAuthList {
  private listVersion = 0;
  private readonly entries = new Map<string, unknown>();

  get version(): number {
    return this.listVersion;
  }

  /** An entry without idTagInfo removes its tag; a differential update must move the version forward. */
  apply(updateType: 'Full' | 'Differential', version: number, list: readonly { idTag: string; idTagInfo?: unknown }[]): SendLocalListStatus {
    if (updateType === 'Differential' && version <= this.listVersion) return 'VersionMismatch';
    if (updateType === 'Full') this.entries.clear();
    for (const entry of list) {
      if (entry.idTagInfo === undefined) this.entries.delete(entry.idTag);
      else this.entries.set(entry.idTag, entry.idTagInfo);
    }
    this.listVersion = version;
    return 'Accepted';
  }
}
