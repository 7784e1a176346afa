import type { KeyboardEvent } from 'react';

import type { Menu } from '../../../shared/menu.js';

/**
 * The category tabs above the item grid. Left and right arrows move
 * between tabs and select them, as in the WAI-ARIA tabs pattern.
 */
export function CategoryTabs(props: {
  categories: Menu['categories'];
  activeId: string;
  onSelect: (categoryId: string) => void;
}) {
  const { categories, activeId, onSelect } = props;

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const position = categories.findIndex(
      (category) => category.id === activeId,
    );
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next =
      categories[(position + step + categories.length) % categories.length];
    if (!next) return;
    onSelect(next.id);
    document.getElementById(tabId(next.id))?.focus();
  };

  return (
    <div
      className="category-tabs"
      role="tablist"
      aria-label="Categories"
      onKeyDown={handleKeyDown}
    >
      {categories.map((category) => {
        const active = category.id === activeId;
        return (
          <button
            key={category.id}
            id={tabId(category.id)}
            type="button"
            role="tab"
            aria-selected={active}
            aria-controls="item-grid"
            tabIndex={active ? 0 : -1}
            className={`category-tabs__tab${active ? ' is-active' : ''}`}
            onClick={() => onSelect(category.id)}
          >
            {category.name}
          </button>
        );
      })}
    </div>
  );
}

function tabId(categoryId: string): string {
  return `category-tab-${categoryId}`;
}
