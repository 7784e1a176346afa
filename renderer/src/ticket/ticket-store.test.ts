import { describe, expect, it } from 'vitest';

import { createTicketStore, toOrderRequest } from './ticket-store.js';

describe('ticket store', () => {
  it('adds a new item as a line of one', () => {
    const store = createTicketStore();

    store.getState().addItem('DRINK-HORCHATA');

    const lines = store.getState().lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]?.sku).toBe('DRINK-HORCHATA');
    expect(lines[0]?.quantity).toBe(1);
    expect(lines[0]?.modifiers).toEqual([]);
  });

  it('merges the same item and modifiers', () => {
    const store = createTicketStore();

    store.getState().addItem('TACO-ASADA', ['SALSA-VERDE', 'X-GUAC']);
    store.getState().addItem('TACO-ASADA', ['X-GUAC', 'SALSA-VERDE']);

    const lines = store.getState().lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]?.quantity).toBe(2);
  });

  it('keeps different modifiers apart', () => {
    const store = createTicketStore();

    store.getState().addItem('TACO-ASADA', ['SALSA-VERDE']);
    store.getState().addItem('TACO-ASADA', ['SALSA-ROJA']);

    expect(store.getState().lines).toHaveLength(2);
  });

  it('keeps quantity between 1 and 999', () => {
    const store = createTicketStore();
    store.getState().addItem('SIDE-ELOTE');
    const lineId = store.getState().lines[0]!.id;

    store.getState().changeQuantity(lineId, -5);
    expect(store.getState().lines[0]?.quantity).toBe(1);

    store.getState().changeQuantity(lineId, 2000);
    expect(store.getState().lines[0]?.quantity).toBe(999);
  });

  it('removes one line', () => {
    const store = createTicketStore();
    store.getState().addItem('SIDE-ELOTE');
    store.getState().addItem('SIDE-CHIPS');
    const [first] = store.getState().lines;

    store.getState().removeLine(first!.id);

    expect(store.getState().lines.map((line) => line.sku)).toEqual([
      'SIDE-CHIPS',
    ]);
  });

  it('clears the cash given on tender change', () => {
    const store = createTicketStore();
    store.getState().setCashGiven(2000);

    store.getState().setTenderMethod('card');

    expect(store.getState().tenderMethod).toBe('card');
    expect(store.getState().cashGiven).toBeNull();
  });

  it('clear empties lines and adjustments', () => {
    const store = createTicketStore();
    store.getState().addItem('SIDE-ELOTE');
    store.getState().setDiscount({ percent: '10' });
    store.getState().setTip({ amount: 100 });
    store.getState().setTenderMethod('other');

    store.getState().clear();

    const state = store.getState();
    expect(state.lines).toEqual([]);
    expect(state.discount).toBeNull();
    expect(state.tip).toBeNull();
    expect(state.tenderMethod).toBe('cash');
    expect(state.cashGiven).toBeNull();
  });
});

describe('toOrderRequest', () => {
  it('builds the orders.create input', () => {
    const store = createTicketStore();
    store.getState().addItem('TACO-ASADA', ['SALSA-VERDE', 'X-GUAC']);
    store.getState().addItem('DRINK-WATER');
    store.getState().changeQuantity(store.getState().lines[0]!.id, 1);
    store.getState().setDiscount({ percent: '10' });
    store.getState().setTip({ percent: '15' });
    store.getState().setCashGiven(5000);

    expect(toOrderRequest(store.getState())).toEqual({
      lines: [
        {
          sku: 'TACO-ASADA',
          quantity: 2,
          modifiers: ['SALSA-VERDE', 'X-GUAC'],
        },
        { sku: 'DRINK-WATER', quantity: 1 },
      ],
      discount: { percent: '10' },
      tip: { percent: '15' },
      tender: { method: 'cash', cashGiven: 5000 },
    });
  });

  it('leaves out cash given when asked', () => {
    const store = createTicketStore();
    store.getState().addItem('DRINK-WATER');
    store.getState().setCashGiven(5000);

    const request = toOrderRequest(store.getState(), {
      includeCashGiven: false,
    });

    expect(request.tender).toEqual({ method: 'cash' });
    expect(request.discount).toBeUndefined();
    expect(request.tip).toBeUndefined();
  });

  it('sends card tender without cash', () => {
    const store = createTicketStore();
    store.getState().addItem('DRINK-WATER');
    store.getState().setTenderMethod('card');

    expect(toOrderRequest(store.getState()).tender).toEqual({ method: 'card' });
  });
});
