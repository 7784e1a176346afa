import { describe, expect, it } from 'vitest';

import type { ModifierGroup } from '../../../shared/menu.js';
import {
  describeLimits,
  missingChoice,
  orderedModifiers,
  toggleOption,
} from './modifier-selection.js';

function group(id: string, min: number, max: number, skus: string[]) {
  return {
    id,
    name: id,
    min,
    max,
    options: skus.map((sku) => ({ sku, name: sku, price: 0 })),
  } satisfies ModifierGroup;
}

const salsa = group('Salsa', 1, 1, ['VERDE', 'ROJA']);
const extras = group('Extras', 0, 2, ['CHEESE', 'GUAC', 'ONION']);
const swap = group('Swap', 0, 1, ['BEANS']);

describe('toggleOption', () => {
  it('replaces the choice in a max-1 group', () => {
    const first = toggleOption({}, salsa, 'VERDE');
    const second = toggleOption(first, salsa, 'ROJA');

    expect(second.Salsa).toEqual(['ROJA']);
  });

  it('keeps a required radio choice', () => {
    const chosen = toggleOption({}, salsa, 'VERDE');

    expect(toggleOption(chosen, salsa, 'VERDE').Salsa).toEqual(['VERDE']);
  });

  it('clears an optional radio choice', () => {
    const chosen = toggleOption({}, swap, 'BEANS');

    expect(toggleOption(chosen, swap, 'BEANS').Swap).toEqual([]);
  });

  it('stops adding at max', () => {
    let selection = toggleOption({}, extras, 'CHEESE');
    selection = toggleOption(selection, extras, 'GUAC');
    selection = toggleOption(selection, extras, 'ONION');

    expect(selection.Extras).toEqual(['CHEESE', 'GUAC']);
  });

  it('removes a chosen checkbox option', () => {
    const selection = toggleOption({}, extras, 'CHEESE');

    expect(toggleOption(selection, extras, 'CHEESE').Extras).toEqual([]);
  });
});

describe('missingChoice', () => {
  it('names a required group with no choice', () => {
    expect(missingChoice(salsa, {})).toBe('Choose a salsa.');
  });

  it('is null once min is met', () => {
    expect(missingChoice(salsa, { Salsa: ['VERDE'] })).toBeNull();
    expect(missingChoice(extras, {})).toBeNull();
  });
});

describe('describeLimits', () => {
  it.each([
    [salsa, 'choose 1'],
    [extras, 'up to 2'],
    [swap, 'optional'],
    [group('Sides', 1, 3, ['A']), 'choose 1 to 3'],
  ])('describes %o', (subject, expected) => {
    expect(describeLimits(subject)).toBe(expected);
  });
});

describe('orderedModifiers', () => {
  it('lists choices in menu order', () => {
    const selection = { Extras: ['ONION', 'CHEESE'], Salsa: ['ROJA'] };

    expect(orderedModifiers([salsa, extras], selection)).toEqual([
      'ROJA',
      'CHEESE',
      'ONION',
    ]);
  });
});
