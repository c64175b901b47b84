/** The USB-serial chips installers meet on charger service ports, by USB vendor and product id. */
const CHIPS: Record<string, string> = {
  '0403:6001': 'FTDI FT232R',
  '0403:6010': 'FTDI FT2232',
  '0403:6011': 'FTDI FT4232',
  '0403:6014': 'FTDI FT232H',
  '0403:6015': 'FTDI FT-X (FT230X/FT231X)',
  '10c4:ea60': 'Silicon Labs CP210x',
  '10c4:ea70': 'Silicon Labs CP2105',
  '10c4:ea71': 'Silicon Labs CP2108',
  '1a86:7523': 'WCH CH340',
  '1a86:7522': 'WCH CH340K',
  '1a86:5523': 'WCH CH341',
  '1a86:55d4': 'WCH CH9102',
  '067b:2303': 'Prolific PL2303',
  '067b:23a3': 'Prolific PL2303GC',
  '067b:23d3': 'Prolific PL2303GL',
};

const VENDORS: Record<string, string> = { '0403': 'FTDI', '10c4': 'Silicon Labs CP21xx', '1a86': 'WCH CH34x', '067b': 'Prolific PL23xx' };

/** A name for the adapter: the chip where known, else its maker's family, else null. */
export function friendlyName(vendorId: string | null, productId: string | null): string | null {
  if (!vendorId) return null;
  const vid = vendorId.toLowerCase().padStart(4, '0');
  const pid = (productId ?? '').toLowerCase().padStart(4, '0');
  return CHIPS[`${vid}:${pid}`] ?? VENDORS[vid] ?? null;
}
