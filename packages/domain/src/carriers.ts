/**
 * Commerce carrier → Amazon carrier, for shipment confirmations.
 *
 * Commerce tracks carry a carrier code (`ups`, `usps`, `fedex`, `dhl` from the core carriers, `custom` for
 * anything typed in by hand, or an extension's code) and a title shown to the customer. Amazon wants one of its
 * carrier codes, or `Other` together with the carrier's name. The rules, in order:
 *
 * 1. the Commerce carrier code is a known code or alias (table below) → that Amazon code;
 * 2. otherwise the track title is a known Amazon carrier or alias (case and punctuation ignored) → that code;
 * 3. otherwise `Other`, with the title (or, without a title, the Commerce code) as the carrier name.
 */

/** Amazon carrier codes saleschannel sends as they are (a subset of Amazon's CarrierCode values). */
export const AMAZON_CARRIER_CODES = [
  'USPS',
  'UPS',
  'UPSMI',
  'FedEx',
  'DHL',
  'DHL eCommerce',
  'OnTrac',
  'LaserShip',
  'Amazon Shipping',
  'Canada Post',
  'Purolator',
  'Royal Mail',
  'Parcelforce',
  'Yodel',
  'Evri',
  'DPD',
  'GLS',
  'Hermes',
  'Deutsche Post',
  'TNT',
  'La Poste',
  'Colissimo',
  'Chronopost',
  'Poste Italiane',
  'BRT',
  'SEUR',
  'Correos',
  'PostNL',
  'Australia Post',
  'Japan Post',
  'Yamato Transport',
  'Sagawa Transport',
  'India Post',
  'Blue Dart',
] as const;
export type AmazonCarrierCode = (typeof AMAZON_CARRIER_CODES)[number];

/** Commerce carrier codes (core and common extensions) and usual carrier titles → Amazon carrier code. */
const ALIASES: Readonly<Record<string, AmazonCarrierCode>> = {
  ups: 'UPS',
  unitedparcelservice: 'UPS',
  upsmailinnovations: 'UPSMI',
  usps: 'USPS',
  unitedstatespostalservice: 'USPS',
  uspostalservice: 'USPS',
  fedex: 'FedEx',
  federalexpress: 'FedEx',
  dhl: 'DHL',
  dhlexpress: 'DHL',
  dhlint: 'DHL',
  dhlecommerce: 'DHL eCommerce',
  ontrac: 'OnTrac',
  lasership: 'LaserShip',
  amazonshipping: 'Amazon Shipping',
  canadapost: 'Canada Post',
  purolator: 'Purolator',
  royalmail: 'Royal Mail',
  parcelforce: 'Parcelforce',
  yodel: 'Yodel',
  evri: 'Evri',
  dpd: 'DPD',
  gls: 'GLS',
  hermes: 'Hermes',
  deutschepost: 'Deutsche Post',
  tnt: 'TNT',
  laposte: 'La Poste',
  colissimo: 'Colissimo',
  chronopost: 'Chronopost',
  posteitaliane: 'Poste Italiane',
  brt: 'BRT',
  seur: 'SEUR',
  correos: 'Correos',
  postnl: 'PostNL',
  australiapost: 'Australia Post',
  auspost: 'Australia Post',
  japanpost: 'Japan Post',
  yamato: 'Yamato Transport',
  yamatotransport: 'Yamato Transport',
  sagawa: 'Sagawa Transport',
  sagawatransport: 'Sagawa Transport',
  indiapost: 'India Post',
  bluedart: 'Blue Dart',
};

export interface AmazonCarrier {
  readonly carrierCode: AmazonCarrierCode | 'Other';
  /** Set when carrierCode is `Other`: Amazon requires the carrier's name then. */
  readonly carrierName?: string;
}

const key = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The Amazon carrier for a Commerce track's carrier code and title (see the module comment for the rules). */
export function amazonCarrierFor(
  commerceCarrierCode: string,
  title: string | null | undefined,
): AmazonCarrier {
  const byCode = ALIASES[key(commerceCarrierCode)];
  if (byCode) {
    return { carrierCode: byCode };
  }
  const cleanTitle = (title ?? '').trim();
  const byTitle = cleanTitle ? ALIASES[key(cleanTitle)] : undefined;
  if (byTitle) {
    return { carrierCode: byTitle };
  }
  const name = cleanTitle || commerceCarrierCode.trim();
  if (!name || key(name) === 'custom') {
    return { carrierCode: 'Other', carrierName: 'Other carrier' };
  }
  return { carrierCode: 'Other', carrierName: name };
}
