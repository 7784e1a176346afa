import { GalleyError } from '../../../shared/errors.js';
import type { DiscountInput } from '../../../shared/order.js';
import type { StaffRole } from '../../../shared/staff.js';

/**
 * What each role may do at the counter. Staff take orders and mark items
 * sold out; managers and owners also void, refund, give discounts above
 * the organisation's limit and dismiss entries the server rejected; only
 * owners edit menus.
 */
export type CounterAction =
  | 'takeOrder'
  | 'markSoldOut'
  | 'void'
  | 'refund'
  | 'discountAboveLimit'
  | 'dismissRejected'
  | 'editMenu';

const rolesByAction: Record<CounterAction, readonly StaffRole[]> = {
  takeOrder: ['staff', 'manager', 'owner'],
  markSoldOut: ['staff', 'manager', 'owner'],
  void: ['manager', 'owner'],
  refund: ['manager', 'owner'],
  discountAboveLimit: ['manager', 'owner'],
  dismissRejected: ['manager', 'owner'],
  editMenu: ['owner'],
};

export function rolePermits(role: StaffRole, action: CounterAction): boolean {
  return rolesByAction[action].includes(role);
}

/** The FORBIDDEN message for an action the signed-in role may not do. */
export function approvalNeededMessage(
  action: CounterAction,
  discountLimitPercent: string,
): string {
  switch (action) {
    case 'void':
      return 'A manager must approve voids. Enter a manager PIN.';
    case 'refund':
      return 'A manager must approve refunds. Enter a manager PIN.';
    case 'discountAboveLimit':
      return `A manager must approve discounts above ${discountLimitPercent}%. Enter a manager PIN.`;
    case 'dismissRejected':
      return 'A manager must approve dismissing an entry the server rejected. Enter a manager PIN.';
    case 'editMenu':
      return 'Only an owner can edit menus. Sign in to the back office as an owner.';
    default:
      return 'Sign in with your PIN first.';
  }
}

export function forbidden(
  action: CounterAction,
  discountLimitPercent: string,
): GalleyError {
  return new GalleyError(
    'FORBIDDEN',
    approvalNeededMessage(action, discountLimitPercent),
    { field: 'approvalPin' },
  );
}

/** Decimal digits kept when comparing percentages, as in percentSchema. */
const percentScale = 1_000_000_000n;

function scaledPercent(percent: string): bigint {
  const [whole, fraction = ''] = percent.split('.');
  return (
    BigInt(whole!) * percentScale + BigInt(fraction.padEnd(9, '0').slice(0, 9))
  );
}

/**
 * Whether a discount goes above the limit: a percent discount above the
 * limit, or an amount discount above that percentage of the subtotal.
 * Exact decimal arithmetic, so "10" against a 10% limit is not above it.
 */
export function discountExceedsLimit(
  discount: DiscountInput | undefined | null,
  subtotal: number,
  discountLimitPercent: string,
): boolean {
  if (!discount) return false;
  const limit = scaledPercent(discountLimitPercent);
  if ('percent' in discount) return scaledPercent(discount.percent) > limit;

  // amount / subtotal > limit / 100, cross-multiplied to stay in integers.
  return (
    BigInt(discount.amount) * 100n * percentScale > BigInt(subtotal) * limit
  );
}
