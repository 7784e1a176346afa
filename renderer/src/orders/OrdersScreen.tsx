import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import type { OrderSummary } from '../../../shared/local-api.js';
import { formatMoney } from '../../../shared/money/index.js';
import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { formatClockTime } from '../status/format-time.js';
import { OrderActionDialog, type OrderAction } from './OrderActionDialog.js';

const refreshIntervalMs = 3000;

const tenderLabels: Record<OrderSummary['tenderMethod'], string> = {
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
};

/**
 * Today's orders, newest first, with the sync state of each, and void and
 * refund actions.
 */
export function OrdersScreen() {
  const api = useLocalApi();
  const [pending, setPending] = useState<{
    order: OrderSummary;
    action: OrderAction;
  } | null>(null);
  const orders = useQuery(
    api.orders.list.queryOptions(undefined, {
      refetchInterval: refreshIntervalMs,
    }),
  );

  if (orders.isError) {
    return (
      <p className="orders__message" role="alert">
        The orders could not be loaded: {describeApiError(orders.error).message}
      </p>
    );
  }
  if (!orders.data) return null;
  if (orders.data.length === 0) {
    return <p className="orders__message">No orders yet today.</p>;
  }

  const newestFirst = [...orders.data].sort((a, b) => b.number - a.number);

  return (
    <div className="orders">
      <table className="orders__table">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Time</th>
            <th scope="col">Items</th>
            <th scope="col" className="is-numeric">
              Total
            </th>
            <th scope="col">Tender</th>
            <th scope="col">Sync</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((order) => (
            <tr key={order.id} data-testid={`order-row-${order.number}`}>
              <td>{order.number}</td>
              <td>{formatClockTime(order.createdAt)}</td>
              <td>{order.itemCount}</td>
              <td className="is-numeric">
                {formatMoney(order.totals.total, order.currency)}
              </td>
              <td>{tenderLabels[order.tenderMethod]}</td>
              <td>
                <SyncBadge order={order} />
              </td>
              <td data-testid="order-state">{describeState(order)}</td>
              <td className="orders__actions">
                <button
                  type="button"
                  className="button"
                  disabled={order.voided}
                  aria-label={`Void order ${order.number}`}
                  onClick={() => setPending({ order, action: 'void' })}
                >
                  Void
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={order.voided}
                  aria-label={`Refund order ${order.number}`}
                  onClick={() => setPending({ order, action: 'refund' })}
                >
                  Refund
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending ? (
        <OrderActionDialog
          order={pending.order}
          action={pending.action}
          onDone={() => setPending(null)}
        />
      ) : null}
    </div>
  );
}

function SyncBadge({ order }: { order: OrderSummary }) {
  return (
    <span className={`sync-badge sync-badge--${order.syncState}`}>
      {describeSyncState(order)}
    </span>
  );
}

function describeSyncState(order: OrderSummary): string {
  switch (order.syncState) {
    case 'rejected':
      return `Rejected: ${order.syncError ?? 'no reason given'}`;
    case 'dismissed':
      return 'Dismissed by a manager, not on the server';
    case 'synced':
      return 'Synced';
    default:
      return 'Pending';
  }
}

function describeState(order: OrderSummary): string {
  if (order.voided) return 'Voided';
  if (order.refundedTotal > 0) {
    return `Refunded ${formatMoney(order.refundedTotal, order.currency)}`;
  }
  return 'Paid';
}
