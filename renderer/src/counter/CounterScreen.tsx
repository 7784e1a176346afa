import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import type { CreatedOrder } from '../../../shared/local-api.js';
import {
  indexMenu,
  type MenuIndex,
  type MenuItem,
} from '../../../shared/menu.js';
import { useLocalApi } from '../api/client.js';
import { describeApiError, type ApiFailure } from '../api/errors.js';
import { priceTicket } from '../ticket/pricing.js';
import { toOrderRequest } from '../ticket/ticket-store.js';
import { ticketStore, useTicket } from '../ticket/use-ticket.js';
import { CategoryTabs } from './CategoryTabs.js';
import { ConfirmationDialog, type Confirmation } from './ConfirmationDialog.js';
import { ItemGrid } from './ItemGrid.js';
import { ModifierSheet } from './ModifierSheet.js';
import { TicketPanel } from './TicketPanel.js';
import { useCounterKeys } from './use-counter-keys.js';

const menuRefreshMs = 15_000;

/** The counter: menu on the left, the ticket and the charge on the right. */
export function CounterScreen() {
  const api = useLocalApi();
  const menu = useQuery(
    api.menu.current.queryOptions(undefined, {
      refetchInterval: menuRefreshMs,
    }),
  );
  const index = useMemo(
    () => (menu.data ? indexMenu(menu.data.menu) : null),
    [menu.data],
  );

  if (menu.isError) {
    return (
      <p className="center-screen" role="alert">
        The menu could not be loaded: {describeApiError(menu.error).message}
      </p>
    );
  }
  if (menu.isPending) return null;
  if (!index) {
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
  return <Counter index={index} />;
}

function Counter({ index }: { index: MenuIndex }) {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const categories = index.menu.categories;
  const [categoryId, setCategoryId] = useState(categories[0]?.id ?? '');
  const [sheetItem, setSheetItem] = useState<MenuItem | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [chargeError, setChargeError] = useState<ApiFailure | null>(null);
  const ticket = useTicket((state) => state);
  const pricing = useMemo(() => priceTicket(index, ticket), [index, ticket]);

  const category =
    categories.find((candidate) => candidate.id === categoryId) ??
    categories[0];
  const items = category?.items ?? [];
  const currency = index.menu.currency;

  const createOrder = useMutation(api.orders.create.mutationOptions());

  const pickItem = (item: MenuItem) => {
    setChargeError(null);
    if (item.modifierGroups.length > 0) setSheetItem(item);
    else ticketStore.getState().addItem(item.sku);
  };

  const canCharge =
    pricing.status === 'priced' &&
    (pricing.change === null || pricing.change >= 0) &&
    !createOrder.isPending;

  const charge = () => {
    if (!canCharge || pricing.status !== 'priced') return;
    const request = toOrderRequest(ticketStore.getState());
    setChargeError(null);
    // The confirmation opens at once with the totals priced here. The
    // terminal's number and totals replace them when it replies.
    setConfirmation({
      tender: request.tender.method,
      totals: pricing.order.totals,
      change: pricing.change ?? 0,
      number: null,
    });
    createOrder.mutate(request, {
      onSuccess: (created: CreatedOrder) => {
        ticketStore.getState().clear();
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
        setChargeError(describeApiError(error));
      },
    });
  };

  const dialogOpen = sheetItem !== null || confirmation !== null;
  useCounterKeys({
    enabled: !dialogOpen,
    items,
    onPickItem: pickItem,
    onCharge: charge,
  });

  return (
    <div className="counter">
      <section className="counter__menu" aria-label="Menu">
        <CategoryTabs
          categories={categories}
          activeId={category?.id ?? ''}
          onSelect={setCategoryId}
        />
        <ItemGrid
          items={items}
          currency={currency}
          categoryId={category?.id ?? ''}
          onPick={pickItem}
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
          onConfirm={(modifiers) => {
            ticketStore.getState().addItem(sheetItem.sku, modifiers);
            setSheetItem(null);
          }}
          onCancel={() => setSheetItem(null)}
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
