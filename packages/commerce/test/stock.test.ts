/**
 * What each MFN stock policy does to source and salable quantities, under MSI and legacy stock, measured
 * through the REST API of the stand-in and compared with the merchant-facing table in the README.
 */
import { readFileSync } from 'node:fs';
import type { MfnStockPolicy } from '@saleschannel/domain';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommerceClient } from '../src/client.js';
import { CommerceOrderFlow } from '../src/order-flow.js';
import { detectInventoryMode, type InventoryMode } from '../src/stock.js';
import { amazonOrder, type Pair, startPair } from './helpers.js';

interface Snapshot {
  source: number;
  salable: number;
}

async function measure(client: CommerceClient, inventory: InventoryMode): Promise<Snapshot> {
  if (inventory === 'msi') {
    const [item] = await client.getSourceItems('MUG-1', 'default');
    return { source: item?.quantity ?? Number.NaN, salable: await client.getSalableQuantity('MUG-1', 1) };
  }
  const item = await client.getStockItem('MUG-1');
  // Legacy stock has one quantity: what is on hand is what can be sold.
  return { source: item.qty ?? Number.NaN, salable: item.qty ?? Number.NaN };
}

/** Rows of the README table: inventory, policy → the four snapshots it promises (10 in stock, 2 ordered). */
function readmeTable(): Map<string, string[]> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const inventory = cells[1];
    const policy = cells[2]?.replace(/`/g, '');
    if ((inventory === 'MSI' || inventory === 'Legacy') && policy) {
      rows.set(`${inventory === 'MSI' ? 'msi' : 'legacy'}/${policy}`, cells.slice(3, 7));
    }
  }
  return rows;
}

function describeSnapshot(inventory: InventoryMode, snapshot: Snapshot): string {
  return inventory === 'msi'
    ? `source ${snapshot.source}, salable ${snapshot.salable}`
    : `qty ${snapshot.source}`;
}

const pairs: Pair[] = [];
afterAll(async () => {
  await Promise.all(pairs.map((pair) => pair.standIn.close()));
});

const POLICIES: MfnStockPolicy[] = ['deduct_on_shipment', 'deduct_on_import', 'none'];
const INVENTORIES: InventoryMode[] = ['msi', 'legacy'];
const table = readmeTable();

describe.each(INVENTORIES)('%s stock', (inventory) => {
  it.each(POLICIES)('%s: import → ship → refund, and import → cancel, as the README says', async (policy) => {
    const pair = await startPair({ inventory });
    pairs.push(pair);
    const { client } = pair;
    const flow = new CommerceOrderFlow(client, { stock: { policy, inventory } });
    const start = await measure(client, inventory);
    expect(start).toEqual({ source: 10, salable: 10 });

    // Import → invoice (Amazon already charged) → ship → refund everything, returned as the policy says.
    const { order } = await flow.importOrder(amazonOrder());
    const orderId = order.entity_id as number;
    const afterImport = await measure(client, inventory);
    await client.invoiceOrder(orderId);
    await flow.ship(orderId, { tracks: [{ trackNumber: '1Z1', title: 'UPS', carrierCode: 'ups' }] });
    const afterShip = await measure(client, inventory);
    await flow.refund(orderId);
    const afterRefund = await measure(client, inventory);
    expect((await client.getOrder(orderId)).state).toBe('closed');

    // The same order on a fresh Commerce, cancelled instead of shipped.
    const other = await startPair({ inventory });
    pairs.push(other);
    const otherFlow = new CommerceOrderFlow(other.client, { stock: { policy, inventory } });
    const imported = await otherFlow.importOrder(amazonOrder());
    const { canceled } = await otherFlow.cancel(imported.order.entity_id as number);
    expect(canceled).toBe(true);
    const afterCancel = await measure(other.client, inventory);

    const measured = [afterImport, afterShip, afterRefund, afterCancel].map((s) =>
      describeSnapshot(inventory, s),
    );
    const promised = table.get(`${inventory}/${policy}`);
    expect(promised, `README row for ${inventory} ${policy}`).toBeDefined();
    expect(measured).toEqual(promised);
  });
});

describe('the README table itself', () => {
  it('has a row for every inventory and policy', () => {
    expect([...table.keys()].sort()).toEqual(
      INVENTORIES.flatMap((inventory) => POLICIES.map((policy) => `${inventory}/${policy}`)).sort(),
    );
  });
});

describe('shipments made in Commerce (found by polling)', () => {
  it('legacy + deduct_on_shipment deducts each shipment once, however often it is seen', async () => {
    const pair = await startPair({ inventory: 'legacy' });
    pairs.push(pair);
    const { client } = pair;
    const flow = new CommerceOrderFlow(client, {
      stock: { policy: 'deduct_on_shipment', inventory: 'legacy' },
    });
    const { order } = await flow.importOrder(amazonOrder());
    const orderId = order.entity_id as number;
    const mug = order.items.find((item) => item.sku === 'MUG-1');
    // The merchant ships one mug in the Commerce admin.
    await client.shipOrder(orderId, { items: [{ orderItemId: mug?.item_id as number, qty: 1 }] });
    const [shipment] = await client.shipmentsUpdatedSince('2000-01-01 00:00:00', orderId);
    expect(shipment).toBeDefined();
    if (!shipment) {
      return;
    }
    expect(await flow.stock.afterShipment(shipment)).toEqual([{ sku: 'MUG-1', delta: -1, quantityAfter: 9 }]);
    expect(await flow.stock.afterShipment(shipment)).toEqual([]);
    expect((await client.getStockItem('MUG-1')).qty).toBe(9);
  });

  it('detects MSI and legacy stock', async () => {
    const msi = await startPair({ inventory: 'msi' });
    const legacy = await startPair({ inventory: 'legacy' });
    pairs.push(msi, legacy);
    expect(await detectInventoryMode(msi.client, 'MUG-1')).toBe('msi');
    expect(await detectInventoryMode(legacy.client, 'MUG-1')).toBe('legacy');
  });
});

describe('orders fulfilled by Amazon', () => {
  it.each(INVENTORIES)(
    '%s: completed once; stock untouched, or deducted once with fbaManageStock',
    async (inventory) => {
      const measured: Record<string, string> = {};
      for (const manage of [false, true]) {
        const pair = await startPair({ inventory });
        pairs.push(pair);
        const flow = new CommerceOrderFlow(pair.client, {
          stock: { policy: 'deduct_on_shipment', inventory },
          fbaManageStock: manage,
        });
        const { order } = await flow.importOrder(amazonOrder({ fulfillmentChannel: 'AFN' }));
        const orderId = order.entity_id as number;
        await flow.completeFulfilledByAmazon(orderId);
        // A retry finds the order complete and does nothing twice.
        await flow.completeFulfilledByAmazon(orderId);
        const after = await pair.client.getOrder(orderId);
        expect(after.state).toBe('complete');
        expect(await pair.client.shipmentsUpdatedSince('2000-01-01 00:00:00', orderId)).toHaveLength(1);
        measured[manage ? 'manage' : 'untouched'] = describeSnapshot(
          inventory,
          await measure(pair.client, inventory),
        );
      }
      // The rows of `none` and `deduct_on_import` after shipment.
      expect(measured).toEqual({
        untouched: table.get(`${inventory}/none`)?.[1],
        manage: table.get(`${inventory}/deduct_on_import`)?.[1],
      });
    },
  );
});
