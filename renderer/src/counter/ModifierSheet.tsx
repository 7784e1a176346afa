import { useState, type KeyboardEvent } from 'react';

import type {
  MenuIndex,
  MenuItem,
  ModifierGroup,
} from '../../../shared/menu.js';
import { formatMoney } from '../../../shared/money/index.js';
import {
  describeLimits,
  missingChoice,
  orderedModifiers,
  toggleOption,
  type ModifierSelection,
} from './modifier-selection.js';
import { useModalDialog } from './use-modal-dialog.js';

/**
 * The modifier choices of one item. It cannot be confirmed until every
 * group has at least its min choices, and a group never takes more than
 * its max. Digits toggle the numbered options, Enter confirms, Escape
 * cancels. Sold-out options cannot be chosen.
 */
export function ModifierSheet(props: {
  item: MenuItem;
  index: MenuIndex;
  onConfirm: (modifiers: string[]) => void;
  onCancel: () => void;
  soldOutOptions: ReadonlySet<string>;
}) {
  const { item, index, onConfirm, onCancel, soldOutOptions } = props;
  const dialogRef = useModalDialog();
  const [selection, setSelection] = useState<ModifierSelection>({});
  const currency = index.menu.currency;

  const groups = item.modifierGroups
    .map((groupId) => index.groups.get(groupId))
    .filter((group): group is ModifierGroup => group !== undefined);
  const numbered = groups.flatMap((group) =>
    group.options.map((option) => ({ group, option })),
  );
  const problems = groups
    .map((group) => missingChoice(group, selection))
    .filter((problem): problem is string => problem !== null);
  const valid = problems.length === 0;

  const unitPrice =
    item.price +
    numbered
      .filter(({ group, option }) => selection[group.id]?.includes(option.sku))
      .reduce((sum, { option }) => sum + option.price, 0);

  const toggle = (group: ModifierGroup, sku: string) =>
    setSelection((current) => toggleOption(current, group, sku));

  const confirm = () => {
    if (valid) onConfirm(orderedModifiers(groups, selection));
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (/^[1-9]$/.test(event.key)) {
      const entry = numbered[Number(event.key) - 1];
      if (entry && !soldOutOptions.has(entry.option.sku)) {
        toggle(entry.group, entry.option.sku);
      }
      event.preventDefault();
    } else if (
      event.key === 'Enter' &&
      !(event.target instanceof HTMLButtonElement)
    ) {
      event.preventDefault();
      confirm();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="sheet"
      aria-labelledby="modifier-sheet-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onKeyDown={handleKeyDown}
    >
      <h2 id="modifier-sheet-title" className="sheet__title">
        {item.name}
      </h2>
      <div className="sheet__groups">
        {groups.map((group) => {
          const chosen = selection[group.id] ?? [];
          const full = group.max > 1 && chosen.length >= group.max;
          return (
            <fieldset key={group.id} className="modifier-group">
              <legend>
                {group.name}{' '}
                <span className="modifier-group__limits">
                  {describeLimits(group)}
                </span>
              </legend>
              <div className="modifier-group__options">
                {group.options.map((option) => {
                  const optionNumber =
                    numbered.findIndex((entry) => entry.option === option) + 1;
                  const checked = chosen.includes(option.sku);
                  const soldOut = soldOutOptions.has(option.sku);
                  return (
                    <label
                      key={option.sku}
                      className={`modifier-option${checked ? ' is-checked' : ''}`}
                    >
                      <span className="modifier-option__key" aria-hidden="true">
                        {optionNumber <= 9 ? optionNumber : ''}
                      </span>
                      <input
                        type={group.max === 1 ? 'radio' : 'checkbox'}
                        name={`modifier-${group.id}`}
                        value={option.sku}
                        checked={checked}
                        disabled={(full && !checked) || (soldOut && !checked)}
                        onChange={() => {
                          if (!checked) toggle(group, option.sku);
                          else if (group.max > 1) toggle(group, option.sku);
                        }}
                        onClick={() => {
                          // A checked radio fires no change event, so
                          // clearing an optional radio group happens here.
                          if (group.max === 1 && checked) {
                            toggle(group, option.sku);
                          }
                        }}
                      />
                      <span className="modifier-option__name">
                        {option.name}
                      </span>
                      <span className="modifier-option__price">
                        {soldOut
                          ? 'Sold out'
                          : option.price === 0
                            ? ''
                            : `${option.price > 0 ? '+' : '−'}${formatMoney(Math.abs(option.price), currency)}`}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
      </div>
      <p className="sheet__problems" role="status">
        {problems.join(' ')}
      </p>
      <div className="sheet__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!valid}
          onClick={confirm}
        >
          Add · {formatMoney(unitPrice, currency)}
        </button>
      </div>
    </dialog>
  );
}
