import type { MenuIndex, MenuItem } from '../../../shared/menu.js';
import { useModalDialog } from '../counter/use-modal-dialog.js';
import type { SoldOutSkus } from './use-availability.js';

/**
 * Marks an item, or single options of its modifier groups, sold out. Each
 * row is a toggle button, and a change applies at once; a mark clears
 * itself at the truck's next business day.
 */
export function SoldOutSheet(props: {
  item: MenuItem;
  index: MenuIndex;
  soldOut: SoldOutSkus;
  errorMessage: string | null;
  onToggle: (target: 'item' | 'option', sku: string) => void;
  onClose: () => void;
}) {
  const { item, index, soldOut, onToggle, onClose } = props;
  const dialogRef = useModalDialog();
  const groups = item.modifierGroups.flatMap((groupId) => {
    const group = index.groups.get(groupId);
    return group ? [group] : [];
  });

  return (
    <dialog
      ref={dialogRef}
      className="sheet"
      aria-labelledby="sold-out-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="sold-out-title" className="sheet__title">
        Sold out: {item.name}
      </h2>
      <div className="sheet__groups">
        <SoldOutToggle
          name={item.name}
          pressed={soldOut.items.has(item.sku)}
          onToggle={() => onToggle('item', item.sku)}
        />
        {groups.map((group) => (
          <fieldset key={group.id} className="modifier-group">
            <legend>{group.name}</legend>
            <div className="modifier-group__options">
              {group.options.map((option) => (
                <SoldOutToggle
                  key={option.sku}
                  name={option.name}
                  pressed={soldOut.options.has(option.sku)}
                  onToggle={() => onToggle('option', option.sku)}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <p className="form-error" role="alert">
        {props.errorMessage ?? ''}
      </p>
      <div className="sheet__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={onClose}
        >
          Done
        </button>
      </div>
    </dialog>
  );
}

function SoldOutToggle(props: {
  name: string;
  pressed: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className={`button sold-out-toggle${props.pressed ? ' is-sold-out' : ''}`}
      aria-pressed={props.pressed}
      onClick={props.onToggle}
    >
      <span>{props.name}</span>
      <span className="sold-out-toggle__state">
        {props.pressed ? 'Sold out' : 'Available'}
      </span>
    </button>
  );
}
