import { afterEach, describe, expect, it } from 'vitest';
import { CommerceBadRequestError } from '../src/errors.js';
import { importOrder, OrderEntityStrategy } from '../src/order-creation.js';
import { amazonOrder, type Pair, startPair } from './helpers.js';

let pair: Pair | undefined;
afterEach(async () => {
  await pair?.standIn.close();
  pair = undefined;
});

describe('customers', () => {
  it('are found by email within their website, case-insensitively, and created once', async () => {
    pair = await startPair();
    const { client } = pair;
    expect(await client.findCustomerByEmail('jane@example.com', 1)).toBeUndefined();
    const created = await client.createCustomer({
      email: 'Jane@Example.com',
      firstname: 'Jane',
      lastname: 'Doe',
      websiteId: 1,
    });
    expect(created).toMatchObject({ email: 'Jane@Example.com', website_id: 1 });
    expect((await client.findCustomerByEmail('jane@example.com', 1))?.id).toBe(created.id);
    expect(await client.findCustomerByEmail('jane@example.com', 2)).toBeUndefined();
    await expect(
      client.createCustomer({ email: 'jane@example.com', firstname: 'J', lastname: 'D', websiteId: 1 }),
    ).rejects.toThrow(CommerceBadRequestError);
  });

  it('an order with a customer id belongs to that customer; an unknown id is refused', async () => {
    pair = await startPair();
    const { client, standIn } = pair;
    const customer = await client.createCustomer({
      email: 'jane@example.com',
      firstname: 'Jane',
      lastname: 'Doe',
      websiteId: 1,
    });
    const base = amazonOrder();
    const { order } = await importOrder(client, new OrderEntityStrategy(), {
      ...base,
      customer: { ...base.customer, id: customer.id },
    });
    expect(standIn.store.getOrder(order.entity_id ?? 0)).toMatchObject({
      customer_id: customer.id,
      customer_is_guest: 0,
    });
    await expect(
      importOrder(client, new OrderEntityStrategy(), {
        ...amazonOrder({ amazonOrderId: '111-0000000-0000002' }),
        customer: { ...base.customer, id: 999 },
      }),
    ).rejects.toThrow(/customerId = 999/);
  });
});
