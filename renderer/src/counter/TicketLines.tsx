import type { MenuIndex } from '../../../shared/menu.js';
import { formatMoney } from '../../../shared/money/index.js';
import { priceLines, type TicketPricing } from '../ticket/pricing.js';
import { ticketStore, useTicket } from '../ticket/use-ticket.js';

/** The ticket's lines with their modifiers, quantity controls and gross. */
export function TicketLines(props: {
  index: MenuIndex;
  pricing: TicketPricing;
}) {
  const { index, pricing } = props;
  const lines = useTicket((state) => state.lines);
  const currency = index.menu.currency;

  if (lines.length === 0) {
    return (
      <p className="ticket__empty">
        Tap an item, or press its number, to add it.
      </p>
    );
  }

  // Line amounts come from the full pricing. When the adjustments make the
  // ticket invalid, the lines are priced on their own so they still show.
  const pricedLines =
    pricing.status === 'priced'
      ? pricing.order.lines
      : priceLines(index, lines);
  const { removeLine, changeQuantity } = ticketStore.getState();

  return (
    <ul className="ticket__lines" aria-label="Ticket lines">
      {lines.map((line, position) => {
        const priced = pricedLines?.[position];
        const name = index.items.get(line.sku)?.name ?? line.sku;
        const modifierNames = priced
          ? priced.modifiers.map((modifier) => modifier.name)
          : line.modifiers;
        return (
          <li key={line.id} className="ticket-line" data-testid="ticket-line">
            <div className="ticket-line__text">
              <span className="ticket-line__name">{name}</span>
              {modifierNames.length > 0 ? (
                <span className="ticket-line__modifiers">
                  {modifierNames.join(', ')}
                </span>
              ) : null}
            </div>
            <div className="ticket-line__quantity">
              <button
                type="button"
                className="button button--icon"
                aria-label={`One less ${name}`}
                disabled={line.quantity <= 1}
                onClick={() => changeQuantity(line.id, -1)}
              >
                −
              </button>
              <span aria-label="Quantity" data-testid="line-quantity">
                {line.quantity}
              </span>
              <button
                type="button"
                className="button button--icon"
                aria-label={`One more ${name}`}
                onClick={() => changeQuantity(line.id, 1)}
              >
                +
              </button>
            </div>
            <span className="ticket-line__amount">
              {priced ? formatMoney(priced.gross, currency) : ''}
            </span>
            <button
              type="button"
              className="button button--icon button--remove"
              aria-label={`Remove ${name}`}
              onClick={() => removeLine(line.id)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
