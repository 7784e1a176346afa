import type { OrderSummary } from '../shared/local-api.js';
import { trpcCall } from '../test/support/processes.js';
import { OrdersPage } from './pages/orders-page.js';
import { expect, test } from './support/fixtures.js';

// Taco truck menu: Carne asada taco 4.50, Salsa verde +0.00, Guacamole
// +1.50, NYC sales tax 8.875% (exclusive), USD.
//   unit      = 450 + 0 + 150          = 600
//   subtotal  = 600 × 2                = 1200
//   discount  = round(1200 × 10 / 100) = 120
//   tax       = round(1080 × 0.08875)  = round(95.85) = 96
//   total     = 1200 − 120 + 96        = 1176
//   change    = 2000 − 1176            = 824
const expected = {
  subtotal: '$12.00',
  discount: '−$1.20',
  tax: '$0.96',
  total: '$11.76',
  change: '$8.24',
};

test('cash order stays pending offline, syncs after', async ({
  counter,
  stack,
  page,
}) => {
  await stack.stopServer();

  await counter.showCategory('Tacos');
  await counter.tapItem('Carne asada taco');
  await counter.modifierSheet.choose('Salsa verde', 'Guacamole');
  await counter.modifierSheet.confirm();
  await counter.increaseQuantity('Carne asada taco');
  await counter.setDiscountPercent('10');
  await counter.chooseTender('Cash');
  await counter.enterCashGiven('20');

  const line = counter.ticketLine('Carne asada taco');
  await expect(line).toContainText('Salsa verde, Guacamole');
  await expect(line.getByTestId('line-quantity')).toHaveText('2');
  await expect(counter.total('subtotal')).toHaveText(expected.subtotal);
  await expect(counter.total('discount')).toHaveText(expected.discount);
  await expect(counter.tax('nyc-sales')).toHaveText(expected.tax);
  await expect(counter.total('total')).toHaveText(expected.total);
  await expect(counter.cashChange).toHaveText(`Change ${expected.change}`);

  await counter.charge();

  await expect(counter.orderNumber).toHaveText(/^Order \d+$/);
  await expect(counter.changeDue).toHaveText(expected.change);
  const orderNumber = Number(
    (await counter.orderNumber.textContent())?.replace('Order ', ''),
  );

  const stored = await trpcCall<OrderSummary[]>(
    stack.terminal.url,
    stack.terminal.token,
    'query',
    'orders.list',
  );
  const order = stored.find((candidate) => candidate.number === orderNumber);
  expect(order?.totals.subtotal).toBe(1200);
  expect(order?.totals.discount).toBe(120);
  expect(order?.totals.tax).toBe(96);
  expect(order?.totals.total).toBe(1176);
  expect(order?.totals.change).toBe(824);

  await counter.startNextOrder();
  await expect(counter.ticketLines).toHaveCount(0);

  const orders = new OrdersPage(page);
  await counter.openOrders();
  await expect(orders.syncState(orderNumber)).toHaveText('Pending');
  await expect(orders.row(orderNumber)).toContainText(expected.total);
  await expect(counter.statusBar.connectionState).toHaveText('Offline');
  await expect(counter.statusBar.pendingCount).toHaveText('1 pending');

  await stack.restartServer();

  await expect(orders.syncState(orderNumber)).toHaveText('Synced', {
    timeout: 30_000,
  });
  await expect(counter.statusBar.connectionState).toHaveText('Online');
  await expect(counter.statusBar.pendingCount).toHaveText('0 pending');
});
