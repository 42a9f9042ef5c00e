import { afterEach, describe, expect, it } from 'vitest';
import type { CommerceClient } from '../src/client.js';
import { importOrder, OrderEntityStrategy } from '../src/order-creation.js';
import { CONDITION_TYPES, searchCriteria, searchCriteriaToParams } from '../src/search-criteria.js';
import { amazonOrder, type Pair, startPair } from './helpers.js';

describe('searchCriteria builder', () => {
  it('OR inside a group, AND across groups, sort and paging, with the schema names', () => {
    const params = searchCriteriaToParams(
      searchCriteria()
        .where('status', 'eq', 'pending')
        .orWhere('status', 'in', ['processing', 'holded'])
        .where('updated_at', 'gt', '2026-01-01 00:00:00')
        .sortBy('updated_at', 'ASC')
        .pageSize(50)
        .page(2)
        .build(),
    );
    expect(params).toEqual([
      ['searchCriteria[filterGroups][0][filters][0][field]', 'status'],
      ['searchCriteria[filterGroups][0][filters][0][value]', 'pending'],
      ['searchCriteria[filterGroups][0][filters][0][conditionType]', 'eq'],
      ['searchCriteria[filterGroups][0][filters][1][field]', 'status'],
      ['searchCriteria[filterGroups][0][filters][1][value]', 'processing,holded'],
      ['searchCriteria[filterGroups][0][filters][1][conditionType]', 'in'],
      ['searchCriteria[filterGroups][1][filters][0][field]', 'updated_at'],
      ['searchCriteria[filterGroups][1][filters][0][value]', '2026-01-01 00:00:00'],
      ['searchCriteria[filterGroups][1][filters][0][conditionType]', 'gt'],
      ['searchCriteria[sortOrders][0][field]', 'updated_at'],
      ['searchCriteria[sortOrders][0][direction]', 'ASC'],
      ['searchCriteria[pageSize]', '50'],
      ['searchCriteria[currentPage]', '2'],
    ]);
  });

  it('refuses orWhere without a group and nonsense page sizes', () => {
    expect(() => searchCriteria().orWhere('a', 'eq', 'b')).toThrow();
    expect(() => searchCriteria().pageSize(0)).toThrow();
    expect(() => searchCriteria().page(1.5)).toThrow();
  });
});

describe('searching the stand-in', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.standIn.close();
    pair = undefined;
  });

  async function seed(count: number): Promise<CommerceClient> {
    pair = await startPair();
    for (let i = 1; i <= count; i++) {
      await importOrder(
        pair.client,
        new OrderEntityStrategy(),
        amazonOrder({ amazonOrderId: `111-0000000-00000${String(i).padStart(2, '0')}` }),
      );
    }
    return pair.client;
  }

  it('Commerce answers a page past the end with the last page again; paginate stops at total_count', async () => {
    const client = await seed(5);
    const page3 = await client.searchOrders(searchCriteria().sortBy('entity_id').pageSize(2).page(3).build());
    const page9 = await client.searchOrders(searchCriteria().sortBy('entity_id').pageSize(2).page(9).build());
    expect(page9.items.map((o) => o.entity_id)).toEqual(page3.items.map((o) => o.entity_id));
    expect(page9.total_count).toBe(5);
    const requests = pair?.standIn.requests ?? [];
    const before = requests.length;
    const all = await client.searchAll<{ entity_id: number }>(
      '/V1/orders',
      searchCriteria().sortBy('entity_id').build(),
      2,
    );
    expect(all.map((o) => o.entity_id)).toEqual([1, 2, 3, 4, 5]);
    // Pages 1, 2 and 3 — never a fourth page, which would repeat page 3.
    expect(requests.slice(before).map((r) => r.query.get('searchCriteria[currentPage]'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    const exact = await client.searchAll<{ entity_id: number }>('/V1/orders', searchCriteria().build(), 5);
    expect(exact.length).toBe(5);
    expect(requests.length).toBe(before + 4);
  });

  it('every condition type filters as Commerce does', async () => {
    const client = await seed(3);
    const ids = async (builder: ReturnType<typeof searchCriteria>) =>
      (await client.searchOrders(builder.sortBy('entity_id').build())).items.map((o) => o.entity_id);
    const ext = 'ext_order_id';
    expect(await ids(searchCriteria().where(ext, 'eq', '111-0000000-0000002'))).toEqual([2]);
    expect(await ids(searchCriteria().where(ext, 'neq', '111-0000000-0000002'))).toEqual([1, 3]);
    expect(await ids(searchCriteria().where('entity_id', 'gt', 1))).toEqual([2, 3]);
    expect(await ids(searchCriteria().where('entity_id', 'gteq', 2))).toEqual([2, 3]);
    expect(await ids(searchCriteria().where('entity_id', 'moreq', 3))).toEqual([3]);
    expect(await ids(searchCriteria().where('entity_id', 'lt', 2))).toEqual([1]);
    expect(await ids(searchCriteria().where('entity_id', 'lteq', 2))).toEqual([1, 2]);
    expect(await ids(searchCriteria().where('entity_id', 'from', 2).where('entity_id', 'to', 2))).toEqual([
      2,
    ]);
    expect(await ids(searchCriteria().where(ext, 'like', '%0003'))).toEqual([3]);
    expect(await ids(searchCriteria().where(ext, 'nlike', '%0003'))).toEqual([1, 2]);
    expect(await ids(searchCriteria().where('entity_id', 'in', [1, 3]))).toEqual([1, 3]);
    expect(await ids(searchCriteria().where('entity_id', 'nin', [1, 3]))).toEqual([2]);
    expect(await ids(searchCriteria().where('increment_id', 'finset', '000000002'))).toEqual([2]);
    expect(await ids(searchCriteria().where('increment_id', 'nfinset', '000000002'))).toEqual([1, 3]);
    expect(await ids(searchCriteria().where('hold_before_state', 'null'))).toEqual([1, 2, 3]);
    expect(await ids(searchCriteria().where('hold_before_state', 'notnull'))).toEqual([]);
    expect(await ids(searchCriteria().where('entity_id', 'eq', 1).orWhere('entity_id', 'eq', 3))).toEqual([
      1, 3,
    ]);
    expect(await ids(searchCriteria().where('entity_id', 'gt', 1).where('entity_id', 'lt', 3))).toEqual([2]);
    const desc = await client.searchOrders(searchCriteria().sortBy('entity_id', 'DESC').build());
    expect(desc.items.map((o) => o.entity_id)).toEqual([3, 2, 1]);
    expect(CONDITION_TYPES.length).toBe(17);
  });
});
