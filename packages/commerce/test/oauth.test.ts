import {
  commerceBaseString,
  naturalCompare,
  parseOAuthHeader,
  verifyOAuthSignature,
} from '@saleschannel/commerce-stand-in';
import { afterEach, describe, expect, it } from 'vitest';
import { CommerceClient } from '../src/client.js';
import { CommerceNotFoundError, CommerceUnauthorizedError } from '../src/errors.js';
import { hmacSignature, percentEncode, signatureBaseString, signOAuth1, strnatcmp } from '../src/oauth.js';
import { searchCriteria } from '../src/search-criteria.js';
import { type Pair, startPair } from './helpers.js';

describe('OAuth 1.0a known test vectors', () => {
  it('OAuth Core 1.0 appendix A.5 (photos.example.net, HMAC-SHA1)', () => {
    const signed = signOAuth1({
      method: 'GET',
      url: new URL('http://photos.example.net/photos?file=vacation.jpg&size=original'),
      credentials: {
        consumerKey: 'dpf43f3p2l4k3l03',
        consumerSecret: 'kd94hf93k423kf44',
        accessToken: 'nnch734d00sl2jdk',
        accessTokenSecret: 'pfkkdhi9sl3r4s00',
      },
      signatureMethod: 'HMAC-SHA1',
      nonce: 'kllo9940pd9333jh',
      timestamp: 1191242096,
    });
    expect(signed.baseString).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal',
    );
    expect(signed.signature).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
  });

  it('a Commerce search with searchCriteria brackets, HMAC-SHA256', () => {
    // Expected values computed outside this code base (Python: urllib.parse.quote(safe="~"), hmac/sha256).
    const url = new URL(
      'https://shop.example.com/rest/default/V1/orders?' +
        'searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=ext_order_id&' +
        'searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=111-2223334-5556667&' +
        'searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5BconditionType%5D=eq&' +
        'searchCriteria%5BpageSize%5D=2',
    );
    const signed = signOAuth1({
      method: 'GET',
      url,
      credentials: {
        consumerKey: 'ck123',
        consumerSecret: 'cs789',
        accessToken: 'at456',
        accessTokenSecret: 'ats012',
      },
      nonce: 'abc123nonce',
      timestamp: 1700000000,
    });
    expect(signed.baseString).toBe(
      'GET&https%3A%2F%2Fshop.example.com%2Frest%2Fdefault%2FV1%2Forders&oauth_consumer_key%3Dck123%26oauth_nonce%3Dabc123nonce%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dat456%26oauth_version%3D1.0%26searchCriteria%255BfilterGroups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255BconditionType%255D%3Deq%26searchCriteria%255BfilterGroups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bfield%255D%3Dext_order_id%26searchCriteria%255BfilterGroups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bvalue%255D%3D111-2223334-5556667%26searchCriteria%255BpageSize%255D%3D2',
    );
    expect(signed.signature).toBe('b2uQBqR0AXemkOJ3ezlhWkCGA4L/XLhvN0Jz0xJjE34=');
    expect(signed.authorization).toContain('oauth_signature_method="HMAC-SHA256"');
    expect(signed.authorization).toContain(`oauth_signature="${percentEncode(signed.signature)}"`);
  });

  it('the default port is dropped and scheme/host lower-cased in the base string', () => {
    const a = signatureBaseString('get', new URL('HTTPS://Shop.Example.com:443/rest/V1/x'), []);
    expect(a).toBe('GET&https%3A%2F%2Fshop.example.com%2Frest%2FV1%2Fx&');
    const b = signatureBaseString('GET', new URL('http://127.0.0.1:8080/rest/V1/x'), []);
    expect(b).toBe('GET&http%3A%2F%2F127.0.0.1%3A8080%2Frest%2FV1%2Fx&');
  });

  it("sorts keys like PHP's strnatcmp, as Commerce does ([2] before [10])", () => {
    // The PHP manual's natsort example: IMG0.png, IMG3.png, img1.png, img2.png, img10.png, img12.png
    const files = ['img12.png', 'img10.png', 'IMG0.png', 'img2.png', 'img1.png', 'IMG3.png'];
    const expected = ['IMG0.png', 'IMG3.png', 'img1.png', 'img2.png', 'img10.png', 'img12.png'];
    expect([...files].sort(strnatcmp)).toEqual(expected);
    expect([...files].sort(naturalCompare)).toEqual(expected);
    const base = signatureBaseString('GET', new URL('https://x.test/p'), [
      ['searchCriteria[filterGroups][10][filters][0][field]', 'a'],
      ['searchCriteria[filterGroups][2][filters][0][field]', 'b'],
    ]);
    expect(base.indexOf('%255B2%255D')).toBeLessThan(base.indexOf('%255B10%255D'));
    // Byte order would have put [10] first.
    expect(['%5B10%5D', '%5B2%5D'].sort()).toEqual(['%5B10%5D', '%5B2%5D']);
  });

  it('percent-encodes as RFC 3986 (spaces %20, reserved characters, ~ kept)', () => {
    expect(percentEncode("a b+c*d'e!(f)~g/h")).toBe('a%20b%2Bc%2Ad%27e%21%28f%29~g%2Fh');
    expect(percentEncode('é')).toBe('%C3%A9');
  });

  it('the stand-in verifier (written after Commerce) agrees with the signer, and rejects tampering', () => {
    const credentials = {
      consumerKey: 'k',
      consumerSecret: 's e',
      accessToken: 't',
      accessTokenSecret: 'ts',
    };
    const url = new URL(
      'http://127.0.0.1:9999/rest/default/V1/orders?searchCriteria%5BpageSize%5D=5&q=a%2Bb%20c',
    );
    const signed = signOAuth1({ method: 'GET', url, credentials });
    const header = parseOAuthHeader(signed.authorization);
    expect(header).toBeDefined();
    const input = {
      method: 'GET',
      origin: 'http://127.0.0.1:9999',
      rawTarget: `${url.pathname}${url.search}`,
      header: header as Record<string, string>,
      consumerSecret: 's e',
      tokenSecret: 'ts',
    };
    expect(commerceBaseString(input)).toBe(signed.baseString);
    expect(verifyOAuthSignature(input)).toBe(true);
    expect(verifyOAuthSignature({ ...input, rawTarget: input.rawTarget.replace('5', '6') })).toBe(false);
    expect(verifyOAuthSignature({ ...input, tokenSecret: 'other' })).toBe(false);
    expect(hmacSignature(signed.baseString, 's e', 'ts')).toBe(signed.signature);
  });
});

describe('authentication against the stand-in', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.standIn.close();
    pair = undefined;
  });

  it('accepts OAuth-signed searches with many filter groups (natural key order matters from 10 on)', async () => {
    pair = await startPair();
    let criteria = searchCriteria();
    for (let i = 0; i < 12; i++) {
      criteria = criteria.where('increment_id', 'neq', `X${i}`);
    }
    const result = await pair.client.searchOrders(criteria.sortBy('entity_id', 'DESC').pageSize(5).build());
    expect(result.total_count).toBe(0);
  });

  it('signs values with spaces, plus signs, percent signs and non-ASCII so that Commerce agrees', async () => {
    pair = await startPair();
    const result = await pair.client.searchOrders(
      searchCriteria().where('customer_email', 'like', '%jane+doe @exämple%').pageSize(1).build(),
    );
    expect(result.total_count).toBe(0);
    await expect(pair.client.getProduct('MUG 1+/ü')).rejects.toBeInstanceOf(CommerceNotFoundError);
  });

  it('refuses a replayed request (same nonce and timestamp)', async () => {
    pair = await startPair();
    const url = new URL(`${pair.standIn.url}/rest/default/V1/products/MUG-1`);
    const { authorization } = signOAuth1({ method: 'GET', url, credentials: pair.standIn.integration });
    const first = await fetch(url, { headers: { authorization } });
    const replay = await fetch(url, { headers: { authorization } });
    expect([first.status, replay.status]).toEqual([200, 401]);
  });

  it('answers 401 with the ACL message for a wrong secret', async () => {
    pair = await startPair();
    const bad = new CommerceClient({
      baseUrl: pair.standIn.url,
      auth: { type: 'oauth1', ...pair.standIn.integration, accessTokenSecret: 'wrong' },
    });
    const error = await bad.getProduct('MUG-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceUnauthorizedError);
    expect((error as Error).message).toContain(
      "The consumer isn't authorized to access Magento_Catalog::products.",
    );
  });

  it('integration token as Bearer only when Commerce is told to allow it', async () => {
    pair = await startPair();
    const bearer = new CommerceClient({
      baseUrl: pair.standIn.url,
      auth: { type: 'bearer', token: pair.standIn.integration.accessToken },
    });
    await expect(bearer.getProduct('MUG-1')).rejects.toBeInstanceOf(CommerceUnauthorizedError);
    await pair.standIn.close();
    pair = await startPair({ integrationAsBearer: true });
    const allowed = new CommerceClient({
      baseUrl: pair.standIn.url,
      auth: { type: 'bearer', token: pair.standIn.integration.accessToken },
    });
    expect((await allowed.getProduct('MUG-1')).sku).toBe('MUG-1');
  });

  it('admin token from username and password', async () => {
    pair = await startPair({ adminUsers: { alice: 'secret-pass' } });
    const admin = new CommerceClient({
      baseUrl: pair.standIn.url,
      auth: { type: 'admin_token', username: 'alice', password: 'secret-pass' },
    });
    expect((await admin.getProduct('MUG-1')).sku).toBe('MUG-1');
    const wrong = new CommerceClient({
      baseUrl: pair.standIn.url,
      auth: { type: 'admin_token', username: 'alice', password: 'nope' },
    });
    await expect(wrong.getProduct('MUG-1')).rejects.toThrow('The account sign-in was incorrect');
  });

  it('SaaS: IMS client credentials, x-api-key, x-gw-ims-org-id and Store header, no /rest/<store>', async () => {
    const ims = { clientId: 'client-1', clientSecret: 'secret-1', imsOrgId: 'ORG@AdobeOrg' };
    pair = await startPair({ ims });
    const saas = new CommerceClient({
      baseUrl: pair.standIn.url,
      flavor: 'saas',
      storeCode: 'default',
      auth: { type: 'ims', ...ims, tokenUrl: `${pair.standIn.url}/ims/token/v3` },
    });
    expect((await saas.listStoreViews()).length).toBeGreaterThan(0);
    const last = pair.standIn.requests.at(-1);
    expect(last?.rawTarget).toBe('/V1/store/storeViews');
    expect(last?.headers.store).toBe('default');
    expect(last?.headers['x-api-key']).toBe('client-1');
    expect(last?.headers['x-gw-ims-org-id']).toBe('ORG@AdobeOrg');
    expect(
      () =>
        new CommerceClient({
          baseUrl: 'https://x.test',
          flavor: 'saas',
          auth: {
            type: 'oauth1',
            consumerKey: 'k',
            consumerSecret: 's',
            accessToken: 't',
            accessTokenSecret: 'ts',
          },
        }),
    ).toThrow();
  });
});
