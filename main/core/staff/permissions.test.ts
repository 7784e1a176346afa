import { describe, expect, it } from 'vitest';

import { GalleyError } from '../../../shared/errors.js';
import { staffRoles, type StaffRole } from '../../../shared/staff.js';
import {
  approvalNeededMessage,
  discountExceedsLimit,
  forbidden,
  rolePermits,
  type CounterAction,
} from './permissions.js';

/** Every action with the roles that may do it without a manager's approval. */
const permitted: Record<CounterAction, readonly StaffRole[]> = {
  takeOrder: ['staff', 'manager', 'owner'],
  markSoldOut: ['staff', 'manager', 'owner'],
  void: ['manager', 'owner'],
  refund: ['manager', 'owner'],
  discountAboveLimit: ['manager', 'owner'],
  dismissRejected: ['manager', 'owner'],
  editMenu: ['owner'],
};

const actions = Object.keys(permitted) as CounterAction[];

const messages: Record<CounterAction, string> = {
  takeOrder: 'Sign in with your PIN first.',
  markSoldOut: 'Sign in with your PIN first.',
  void: 'A manager must approve voids. Enter a manager PIN.',
  refund: 'A manager must approve refunds. Enter a manager PIN.',
  discountAboveLimit:
    'A manager must approve discounts above 12.5%. Enter a manager PIN.',
  dismissRejected:
    'A manager must approve dismissing an entry the server rejected. Enter a manager PIN.',
  editMenu:
    'Only an owner can edit menus. Sign in to the back office as an owner.',
};

describe('rolePermits', () => {
  const cases = staffRoles.flatMap((role) =>
    actions.map((action) => ({
      role,
      action,
      expected: permitted[action].includes(role),
    })),
  );

  it('lists exactly three roles', () => {
    expect([...staffRoles].sort()).toEqual(['manager', 'owner', 'staff']);
  });

  it.each(cases)(
    '$role may $action: $expected',
    ({ role, action, expected }) => {
      expect(rolePermits(role, action)).toBe(expected);
    },
  );
});

describe('approvalNeededMessage', () => {
  it.each(actions)('names what %s needs', (action) => {
    expect(approvalNeededMessage(action, '12.5')).toBe(messages[action]);
  });
});

describe('forbidden', () => {
  it.each(actions)('wraps the %s message as FORBIDDEN', (action) => {
    const error = forbidden(action, '12.5');

    expect(error).toBeInstanceOf(GalleyError);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe(messages[action]);
    expect(error.field).toBe('approvalPin');
    expect(error.reason).toBeUndefined();
  });
});

describe('discountExceedsLimit', () => {
  const cases: {
    name: string;
    discount: Parameters<typeof discountExceedsLimit>[0];
    subtotal: number;
    limit: string;
    expected: boolean;
  }[] = [
    {
      name: 'no discount',
      discount: undefined,
      subtotal: 1000,
      limit: '0',
      expected: false,
    },
    {
      name: 'null discount',
      discount: null,
      subtotal: 1000,
      limit: '0',
      expected: false,
    },
    {
      name: 'percent at limit',
      discount: { percent: '10' },
      subtotal: 1000,
      limit: '10',
      expected: false,
    },
    {
      name: 'percent with zeros at limit',
      discount: { percent: '10.000' },
      subtotal: 1000,
      limit: '10',
      expected: false,
    },
    {
      name: 'percent a billionth above',
      discount: { percent: '10.000000001' },
      subtotal: 1000,
      limit: '10',
      expected: true,
    },
    {
      name: 'percent below fractional limit',
      discount: { percent: '12.4' },
      subtotal: 1000,
      limit: '12.5',
      expected: false,
    },
    {
      name: 'percent above fractional limit',
      discount: { percent: '12.51' },
      subtotal: 1000,
      limit: '12.5',
      expected: true,
    },
    {
      name: 'any percent over zero limit',
      discount: { percent: '0.5' },
      subtotal: 1000,
      limit: '0',
      expected: true,
    },
    {
      name: 'full percent at full limit',
      discount: { percent: '100' },
      subtotal: 1000,
      limit: '100',
      expected: false,
    },
    {
      name: 'amount at limit',
      discount: { amount: 100 },
      subtotal: 1000,
      limit: '10',
      expected: false,
    },
    {
      name: 'amount one unit above',
      discount: { amount: 101 },
      subtotal: 1000,
      limit: '10',
      expected: true,
    },
    {
      name: 'amount at fractional limit',
      discount: { amount: 125 },
      subtotal: 1000,
      limit: '12.5',
      expected: false,
    },
    {
      name: 'amount above fractional limit',
      discount: { amount: 126 },
      subtotal: 1000,
      limit: '12.5',
      expected: true,
    },
    // 333 of 999 is 33.333...%, which is above a 33.333% limit.
    {
      name: 'amount above a rounded third',
      discount: { amount: 333 },
      subtotal: 999,
      limit: '33.333',
      expected: true,
    },
    {
      name: 'zero amount on zero subtotal',
      discount: { amount: 0 },
      subtotal: 0,
      limit: '0',
      expected: false,
    },
    {
      name: 'amount on zero subtotal',
      discount: { amount: 1 },
      subtotal: 0,
      limit: '100',
      expected: true,
    },
  ];

  it.each(cases)(
    '$name: $expected',
    ({ discount, subtotal, limit, expected }) => {
      expect(discountExceedsLimit(discount, subtotal, limit)).toBe(expected);
    },
  );
});
