/** SP-API regions, their production and sandbox hosts, and Amazon's marketplace ids. */

export type Region = 'na' | 'eu' | 'fe';

export interface RegionEndpoints {
  readonly endpoint: string;
  readonly sandboxEndpoint: string;
}

export const REGIONS: Readonly<Record<Region, RegionEndpoints>> = {
  na: {
    endpoint: 'https://sellingpartnerapi-na.amazon.com',
    sandboxEndpoint: 'https://sandbox.sellingpartnerapi-na.amazon.com',
  },
  eu: {
    endpoint: 'https://sellingpartnerapi-eu.amazon.com',
    sandboxEndpoint: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
  },
  fe: {
    endpoint: 'https://sellingpartnerapi-fe.amazon.com',
    sandboxEndpoint: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
  },
};

/** Login with Amazon token endpoint (one for all regions). */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export interface Marketplace {
  readonly id: string;
  readonly countryCode: string;
  readonly region: Region;
  readonly currency: string;
}

/** Amazon's marketplace ids by country code. */
export const MARKETPLACES = {
  CA: { id: 'A2EUQ1WTGCTBG2', countryCode: 'CA', region: 'na', currency: 'CAD' },
  US: { id: 'ATVPDKIKX0DER', countryCode: 'US', region: 'na', currency: 'USD' },
  MX: { id: 'A1AM78C64UM0Y8', countryCode: 'MX', region: 'na', currency: 'MXN' },
  BR: { id: 'A2Q3Y263D00KWC', countryCode: 'BR', region: 'na', currency: 'BRL' },
  IE: { id: 'A28R8C7NBKEWEA', countryCode: 'IE', region: 'eu', currency: 'EUR' },
  ES: { id: 'A1RKKUPIHCS9HS', countryCode: 'ES', region: 'eu', currency: 'EUR' },
  UK: { id: 'A1F83G8C2ARO7P', countryCode: 'UK', region: 'eu', currency: 'GBP' },
  FR: { id: 'A13V1IB3VIYZZH', countryCode: 'FR', region: 'eu', currency: 'EUR' },
  BE: { id: 'AMEN7PMS3EDWL', countryCode: 'BE', region: 'eu', currency: 'EUR' },
  NL: { id: 'A1805IZSGTT6HS', countryCode: 'NL', region: 'eu', currency: 'EUR' },
  DE: { id: 'A1PA6795UKMFR9', countryCode: 'DE', region: 'eu', currency: 'EUR' },
  IT: { id: 'APJ6JRA9NG5V4', countryCode: 'IT', region: 'eu', currency: 'EUR' },
  SE: { id: 'A2NODRKZP88ZB9', countryCode: 'SE', region: 'eu', currency: 'SEK' },
  ZA: { id: 'AE08WJ6YKNBMC', countryCode: 'ZA', region: 'eu', currency: 'ZAR' },
  PL: { id: 'A1C3SOZRARQ6R3', countryCode: 'PL', region: 'eu', currency: 'PLN' },
  EG: { id: 'ARBP9OOSHTCHU', countryCode: 'EG', region: 'eu', currency: 'EGP' },
  TR: { id: 'A33AVAJ2PDY3EV', countryCode: 'TR', region: 'eu', currency: 'TRY' },
  SA: { id: 'A17E79C6D8DWNP', countryCode: 'SA', region: 'eu', currency: 'SAR' },
  AE: { id: 'A2VIGQ35RCS4UG', countryCode: 'AE', region: 'eu', currency: 'AED' },
  IN: { id: 'A21TJRUUN4KGV', countryCode: 'IN', region: 'eu', currency: 'INR' },
  SG: { id: 'A19VAU5U5O7RUS', countryCode: 'SG', region: 'fe', currency: 'SGD' },
  AU: { id: 'A39IBJ37TRP1C6', countryCode: 'AU', region: 'fe', currency: 'AUD' },
  JP: { id: 'A1VC38T7YXB528', countryCode: 'JP', region: 'fe', currency: 'JPY' },
} as const satisfies Record<string, Marketplace>;

export type MarketplaceCountry = keyof typeof MARKETPLACES;

const BY_ID = new Map<string, Marketplace>(Object.values(MARKETPLACES).map((m) => [m.id, m]));

/** The marketplace with this id, or undefined. */
export function marketplaceById(id: string): Marketplace | undefined {
  return BY_ID.get(id);
}
