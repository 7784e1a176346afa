import { describe, expect, it } from 'vitest';

import { indexMenu, menuSchema } from '../../../shared/menu.js';
import { loadFixtureMenu } from '../../../test/support/fixtures.js';
import { priceLines, priceTicket } from './pricing.js';
import { createTicketStore } from './ticket-store.js';

const tacoMenu = indexMenu(menuSchema.parse(loadFixtureMenu('taco-truck')));

function tacoTicket() {
  const store = createTicketStore();
  // Carne asada 450 + salsa verde 0 + guacamole 150 = 600 a taco.
  store.getState().addItem('TACO-ASADA', ['SALSA-VERDE', 'X-GUAC']);
  store.getState().changeQuantity(store.getState().lines[0]!.id, 1);
  store.getState().setDiscount({ percent: '10' });
  return store;
}

describe('priceTicket', () => {
  it('reports an empty ticket', () => {
    const store = createTicketStore();

    expect(priceTicket(tacoMenu, store.getState())).toEqual({
      status: 'empty',
    });
  });

  it('prices two tacos with 10% off', () => {
    const store = tacoTicket();
    store.getState().setCashGiven(2000);

    const pricing = priceTicket(tacoMenu, store.getState());

    // subtotal 1200, discount 120, tax round(1080 × 0.08875 = 95.85) = 96,
    // total 1080 + 96 = 1176, change 2000 − 1176 = 824.
    expect(pricing.status).toBe('priced');
    if (pricing.status !== 'priced') return;
    expect(pricing.order.totals.subtotal).toBe(1200);
    expect(pricing.order.totals.discount).toBe(120);
    expect(pricing.order.totals.tax).toBe(96);
    expect(pricing.order.totals.total).toBe(1176);
    expect(pricing.change).toBe(824);
  });

  it('reports short cash as negative change', () => {
    const store = tacoTicket();
    store.getState().setCashGiven(1000);

    const pricing = priceTicket(tacoMenu, store.getState());

    expect(pricing.status).toBe('priced');
    if (pricing.status !== 'priced') return;
    expect(pricing.change).toBe(-176);
  });

  it('has no change without cash given', () => {
    const pricing = priceTicket(tacoMenu, tacoTicket().getState());

    expect(pricing.status).toBe('priced');
    if (pricing.status !== 'priced') return;
    expect(pricing.change).toBeNull();
  });

  it('reports a discount above the subtotal', () => {
    const store = tacoTicket();
    store.getState().setDiscount({ amount: 5000 });

    const pricing = priceTicket(tacoMenu, store.getState());

    expect(pricing.status).toBe('invalid');
    if (pricing.status !== 'invalid') return;
    expect(pricing.field).toBe('discount.amount');
    expect(pricing.message.length).toBeGreaterThan(0);
  });
});

describe('priceLines', () => {
  it('prices lines without adjustments', () => {
    const lines = priceLines(tacoMenu, tacoTicket().getState().lines);

    expect(lines?.map((line) => line.gross)).toEqual([1200]);
  });

  it('returns null for an unknown item', () => {
    const store = createTicketStore();
    store.getState().addItem('NOT-ON-MENU');

    expect(priceLines(tacoMenu, store.getState().lines)).toBeNull();
  });
});
