import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import type { CreatedOrder, CurrentMenu } from '../../../shared/local-api.js';
import { indexMenu, type MenuItem } from '../../../shared/menu.js';
import { useLocalApi } from '../api/client.js';
import { describeApiError, type ApiFailure } from '../api/errors.js';
import { SoldOutSheet } from '../sold-out/SoldOutSheet.js';
import { useAvailability } from '../sold-out/use-availability.js';
import { ApprovalDialog } from '../staff/ApprovalDialog.js';
import { approvalStepFor } from '../staff/approval-failure.js';
import { priceTicket } from '../ticket/pricing.js';
import { toOrderRequest, type OrderRequest } from '../ticket/ticket-store.js';
import { ticketStore, useTicket } from '../ticket/use-ticket.js';
import { CategoryTabs } from './CategoryTabs.js';
import { ConfirmationDialog, type Confirmation } from './ConfirmationDialog.js';
import { ItemGrid } from './ItemGrid.js';
import { ModifierSheet } from './ModifierSheet.js';
import { TicketPanel } from './TicketPanel.js';
import { useCounterKeys } from './use-counter-keys.js';
import { usePinnedMenu } from './use-pinned-menu.js';

const menuRefreshMs = 3000;

/** The counter: menu on the left, the ticket and the charge on the right. */
export function CounterScreen() {
  const api = useLocalApi();
  const menu = useQuery(
    api.menu.current.queryOptions(undefined, {
      refetchInterval: menuRefreshMs,
    }),
  );
  if (menu.isError) {
    return (
      <p className="center-screen" role="alert">
        The menu could not be loaded: {describeApiError(menu.error).message}
      </p>
    );
  }
  if (menu.isPending) return null;
  if (!menu.data) {
    return (
      <div className="center-screen">
        <h1>No menu yet</h1>
        <p>
          The terminal has not received a menu from the server. It fetches one
          at the next sync; use “Sync now” above once the server is reachable.
        </p>
      </div>
    );
  }
  return <Counter latest={menu.data} />;
}

function Counter({ latest }: { latest: CurrentMenu }) {
  const { menu, newerArrived } = usePinnedMenu(latest);
  const index = useMemo(() => indexMenu(menu.menu), [menu]);
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const categories = index.menu.categories;
  const [categoryId, setCategoryId] = useState(categories[0]?.id ?? '');
  const [sheetItem, setSheetItem] = useState<MenuItem | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [chargeError, setChargeError] = useState<ApiFailure | null>(null);
  const [approval, setApproval] = useState<Approval | null>(null);
  const [soldOutMode, setSoldOutMode] = useState(false);
  const [soldOutItem, setSoldOutItem] = useState<MenuItem | null>(null);
  const availability = useAvailability();
  const ticket = useTicket((state) => state);
  const pricing = useMemo(() => priceTicket(index, ticket), [index, ticket]);

  const category =
    categories.find((candidate) => candidate.id === categoryId) ??
    categories[0];
  const items = category?.items ?? [];
  const currency = index.menu.currency;

  const createOrder = useMutation(api.orders.create.mutationOptions());

  const pickItem = (item: MenuItem) => {
    if (soldOutMode) {
      markSoldOut(item);
      return;
    }
    if (availability.soldOut.items.has(item.sku)) return;
    setChargeError(null);
    if (item.modifierGroups.length > 0) setSheetItem(item);
    else ticketStore.getState().addItem(item.sku);
  };

  const canCharge =
    pricing.status === 'priced' &&
    (pricing.change === null || pricing.change >= 0) &&
    !createOrder.isPending;

  const markSoldOut = (item: MenuItem) => {
    if (item.modifierGroups.length > 0) setSoldOutItem(item);
    else availability.toggle('item', item.sku);
  };

  const charge = () => {
    if (!canCharge || pricing.status !== 'priced') return;
    submitOrder(toOrderRequest(ticketStore.getState()));
  };

  /**
   * Sends the ticket with the menu version it was priced with. A discount
   * above the limit is rejected as FORBIDDEN, which opens the manager
   * approval; the approved retry carries the manager's PIN.
   */
  const submitOrder = (request: OrderRequest, approvalPin?: string) => {
    if (pricing.status !== 'priced') return;
    setChargeError(null);
    // The confirmation opens at once with the totals priced here. The
    // terminal's number and totals replace them when it replies. An
    // approved retry waits for the reply, since the approval dialog is open.
    if (!approvalPin) {
      setConfirmation({
        tender: request.tender.method,
        totals: pricing.order.totals,
        change: pricing.change ?? 0,
        number: null,
      });
    }
    const input = approvalPin
      ? { ...request, menuVersion: menu.version, approvalPin }
      : { ...request, menuVersion: menu.version };
    createOrder.mutate(input, {
      onSuccess: (created: CreatedOrder) => {
        ticketStore.getState().clear();
        setApproval(null);
        setConfirmation({
          tender: request.tender.method,
          totals: created.totals,
          change: created.totals.change,
          number: created.number,
        });
        void queryClient.invalidateQueries({ queryKey: api.orders.pathKey() });
        void queryClient.invalidateQueries({ queryKey: api.sync.pathKey() });
      },
      onError: (error) => {
        setConfirmation(null);
        const failure = describeApiError(error);
        const step = approvalStepFor(failure, approvalPin !== undefined);
        if (step === 'request-pin') {
          setApproval({
            request,
            reason: failure.message,
            error: null,
          });
        } else if (step === 'pin-rejected') {
          setApproval(
            (current) =>
              current && {
                ...current,
                error: failure.message,
              },
          );
        } else {
          setApproval(null);
          setChargeError(failure);
        }
      },
    });
  };

  const dialogOpen =
    sheetItem !== null ||
    confirmation !== null ||
    approval !== null ||
    soldOutItem !== null;
  useCounterKeys({
    enabled: !dialogOpen,
    items,
    onPickItem: pickItem,
    onCharge: charge,
  });

  return (
    <div className="counter">
      <section
        className={`counter__menu${soldOutMode ? ' is-marking-sold-out' : ''}`}
        aria-label="Menu"
      >
        {newerArrived ? (
          <p className="counter__notice" role="status">
            New menu arrived: this ticket keeps its prices; the next ticket uses
            the new menu.
          </p>
        ) : null}
        <div className="counter__menu-bar">
          <CategoryTabs
            categories={categories}
            activeId={category?.id ?? ''}
            onSelect={setCategoryId}
          />
          <button
            type="button"
            className="button sold-out-mode"
            aria-pressed={soldOutMode}
            onClick={() => setSoldOutMode((on) => !on)}
          >
            {soldOutMode ? 'Done marking' : 'Mark sold out'}
          </button>
        </div>
        {soldOutMode ? (
          <p className="counter__notice" role="status">
            Tap an item to mark it sold out or available again.
          </p>
        ) : null}
        {availability.errorMessage ? (
          <p className="form-error" role="alert">
            {availability.errorMessage}
          </p>
        ) : null}
        <ItemGrid
          items={items}
          currency={currency}
          categoryId={category?.id ?? ''}
          onPick={pickItem}
          soldOut={availability.soldOut.items}
          onLongPress={markSoldOut}
        />
      </section>
      <TicketPanel
        index={index}
        pricing={pricing}
        canCharge={canCharge}
        chargeError={chargeError}
        onCharge={charge}
      />
      {sheetItem ? (
        <ModifierSheet
          item={sheetItem}
          index={index}
          soldOutOptions={availability.soldOut.options}
          onConfirm={(modifiers) => {
            ticketStore.getState().addItem(sheetItem.sku, modifiers);
            setSheetItem(null);
          }}
          onCancel={() => setSheetItem(null)}
        />
      ) : null}
      {soldOutItem ? (
        <SoldOutSheet
          item={soldOutItem}
          index={index}
          soldOut={availability.soldOut}
          errorMessage={availability.errorMessage}
          onToggle={availability.toggle}
          onClose={() => setSoldOutItem(null)}
        />
      ) : null}
      {approval ? (
        <ApprovalDialog
          action="discount"
          reason={approval.reason}
          busy={createOrder.isPending}
          error={approval.error}
          onApprove={(pin) => submitOrder(approval.request, pin)}
          onCancel={() => setApproval(null)}
        />
      ) : null}
      {confirmation ? (
        <ConfirmationDialog
          confirmation={confirmation}
          currency={currency}
          onNext={() => {
            if (confirmation.number !== null) setConfirmation(null);
          }}
        />
      ) : null}
    </div>
  );
}

interface Approval {
  request: OrderRequest;
  reason: string;
  error: string | null;
}
