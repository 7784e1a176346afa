import type { KeyboardEvent } from 'react';

import type { MenuItem } from '../../../shared/menu.js';
import { formatMoney } from '../../../shared/money/index.js';
import { useLongPress } from '../sold-out/use-long-press.js';

/**
 * Renders the items of one category as large tiles. Arrow keys move focus
 * across the grid, and Enter or Space adds the focused item. A sold-out
 * tile is greyed out and adds nothing; holding a tile calls onLongPress.
 */
export function ItemGrid(props: {
  items: MenuItem[];
  currency: string;
  categoryId: string;
  onPick: (item: MenuItem) => void;
  soldOut: ReadonlySet<string>;
  onLongPress: (item: MenuItem) => void;
}) {
  const { items, currency, categoryId, onPick, soldOut } = props;
  const longPress = useLongPress(props.onLongPress);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const offset = arrowOffset(event.key, event.currentTarget);
    if (offset === 0) return;
    const tiles = Array.from(
      event.currentTarget.querySelectorAll<HTMLButtonElement>('button'),
    );
    const position = tiles.indexOf(document.activeElement as HTMLButtonElement);
    if (position < 0) return;
    event.preventDefault();
    const next = Math.min(tiles.length - 1, Math.max(0, position + offset));
    tiles[next]?.focus();
  };

  return (
    <div
      id="item-grid"
      className="item-grid"
      role="tabpanel"
      aria-labelledby={`category-tab-${categoryId}`}
      onKeyDown={handleKeyDown}
    >
      {items.map((item, position) => {
        const { endsLongPress, ...pressHandlers } = longPress(item);
        const isSoldOut = soldOut.has(item.sku);
        return (
          <button
            key={item.sku}
            type="button"
            className={`item-tile${isSoldOut ? ' is-sold-out' : ''}`}
            {...pressHandlers}
            onClick={() => {
              if (!endsLongPress()) onPick(item);
            }}
            aria-disabled={isSoldOut ? true : undefined}
            data-sku={item.sku}
          >
            {position < 9 ? (
              <span className="item-tile__key" aria-hidden="true">
                {position + 1}
              </span>
            ) : null}
            <span className="item-tile__name">{item.name}</span>
            <span className="item-tile__price">
              {formatMoney(item.price, currency)}
              {item.modifierGroups.length > 0 ? ' +' : ''}
            </span>
            {isSoldOut ? (
              <span className="item-tile__sold-out">Sold out</span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}

function arrowOffset(key: string, grid: HTMLElement): number {
  if (key === 'ArrowLeft') return -1;
  if (key === 'ArrowRight') return 1;
  if (key !== 'ArrowUp' && key !== 'ArrowDown') return 0;

  // The grid wraps with the window width, so a row's length is read from
  // the computed column template.
  const columns = getComputedStyle(grid)
    .gridTemplateColumns.split(' ')
    .filter(Boolean).length;
  return key === 'ArrowUp' ? -columns : columns;
}
