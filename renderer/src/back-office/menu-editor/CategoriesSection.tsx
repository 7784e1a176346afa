import type { Menu, MenuItem } from '../../../../shared/menu.js';
import { freshId, moveEntry, toggleId, type EditMenu } from './edit-menu.js';
import { MenuMoneyField, MenuTextField } from './menu-fields.js';

/** Categories in counter order, each with its items. */
export function CategoriesSection(props: { menu: Menu; edit: EditMenu }) {
  const { menu, edit } = props;
  const allSkus = () =>
    menu.categories.flatMap((category) => category.items.map((i) => i.sku));

  return (
    <section className="panel" aria-labelledby="categories-title">
      <h2 id="categories-title">Categories and items</h2>
      {menu.categories.map((category, categoryIndex) => {
        const base = `categories.${categoryIndex}`;
        return (
          <fieldset
            key={categoryIndex}
            className="editor-card"
            data-testid={`category-editor-${category.id}`}
          >
            <legend>{category.name || 'New category'}</legend>
            <div className="form-row">
              <MenuTextField
                label="Category id"
                path={`${base}.id`}
                value={category.id}
                onValue={(value) =>
                  edit((draft) => {
                    draft.categories[categoryIndex]!.id = value;
                  })
                }
              />
              <MenuTextField
                label="Category name"
                path={`${base}.name`}
                value={category.name}
                onValue={(value) =>
                  edit((draft) => {
                    draft.categories[categoryIndex]!.name = value;
                  })
                }
              />
              <button
                type="button"
                className="button"
                aria-label={`Move ${category.name} up`}
                disabled={categoryIndex === 0}
                onClick={() =>
                  edit((draft) =>
                    moveEntry(draft.categories, categoryIndex, -1),
                  )
                }
              >
                ↑
              </button>
              <button
                type="button"
                className="button"
                aria-label={`Move ${category.name} down`}
                disabled={categoryIndex === menu.categories.length - 1}
                onClick={() =>
                  edit((draft) => moveEntry(draft.categories, categoryIndex, 1))
                }
              >
                ↓
              </button>
              <button
                type="button"
                className="button"
                onClick={() =>
                  edit((draft) => {
                    draft.categories.splice(categoryIndex, 1);
                  })
                }
              >
                Remove category
              </button>
            </div>
            {category.items.map((item, itemIndex) => (
              <ItemEditor
                key={itemIndex}
                menu={menu}
                item={item}
                path={`${base}.items.${itemIndex}`}
                edit={(change) =>
                  edit((draft) =>
                    change(draft.categories[categoryIndex]!.items[itemIndex]!),
                  )
                }
                onRemove={() =>
                  edit((draft) => {
                    draft.categories[categoryIndex]!.items.splice(itemIndex, 1);
                  })
                }
              />
            ))}
            <button
              type="button"
              className="button"
              onClick={() =>
                edit((draft) => {
                  draft.categories[categoryIndex]!.items.push({
                    sku: freshId('item', allSkus()),
                    name: '',
                    price: 0,
                    taxes: [],
                    modifierGroups: [],
                  });
                })
              }
            >
              Add item to {category.name || 'this category'}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() =>
          edit((draft) => {
            const id = freshId(
              'category',
              draft.categories.map((category) => category.id),
            );
            draft.categories.push({ id, name: '', items: [] });
          })
        }
      >
        Add category
      </button>
    </section>
  );
}

function ItemEditor(props: {
  menu: Menu;
  item: MenuItem;
  path: string;
  edit: (change: (item: MenuItem) => void) => void;
  onRemove: () => void;
}) {
  const { menu, item, path, edit, onRemove } = props;
  return (
    <div className="item-editor" data-testid="item-editor">
      <div className="form-row form-row--nested">
        <MenuTextField
          label="SKU"
          path={`${path}.sku`}
          className="field--narrow"
          value={item.sku}
          onValue={(value) => edit((draft) => void (draft.sku = value))}
        />
        <MenuTextField
          label="Item name"
          path={`${path}.name`}
          value={item.name}
          onValue={(value) => edit((draft) => void (draft.name = value))}
        />
        <MenuMoneyField
          label="Price"
          path={`${path}.price`}
          className="field--narrow"
          value={item.price}
          currency={menu.currency}
          allowNegative={false}
          onValue={(value) => edit((draft) => void (draft.price = value))}
        />
        <MenuTextField
          label="Description"
          path={`${path}.description`}
          className="field--wide"
          value={item.description ?? ''}
          onValue={(value) =>
            edit((draft) => {
              if (value === '') delete draft.description;
              else draft.description = value;
            })
          }
        />
        <MenuTextField
          label="Image URL (optional)"
          path={`${path}.imageUrl`}
          className="field--wide"
          value={item.imageUrl ?? ''}
          onValue={(value) =>
            edit((draft) => {
              if (value === '') delete draft.imageUrl;
              else draft.imageUrl = value;
            })
          }
        />
        <button
          type="button"
          className="button"
          aria-label={`Remove item ${item.name}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
      <div className="form-row form-row--nested">
        <ChoiceList
          legend="Taxes"
          choices={menu.taxRates.map((rate) => ({
            id: rate.id,
            label: rate.name,
          }))}
          chosen={item.taxes}
          onToggle={(id) =>
            edit((draft) => void (draft.taxes = toggleId(draft.taxes, id)))
          }
        />
        <ChoiceList
          legend="Modifier groups"
          choices={menu.modifierGroups.map((group) => ({
            id: group.id,
            label: group.name || group.id,
          }))}
          chosen={item.modifierGroups}
          onToggle={(id) =>
            edit(
              (draft) =>
                void (draft.modifierGroups = toggleId(
                  draft.modifierGroups,
                  id,
                )),
            )
          }
        />
      </div>
    </div>
  );
}

function ChoiceList(props: {
  legend: string;
  choices: { id: string; label: string }[];
  chosen: string[];
  onToggle: (id: string) => void;
}) {
  return (
    <fieldset className="choice-list">
      <legend>{props.legend}</legend>
      {props.choices.length === 0 ? (
        <span className="panel__hint">None defined</span>
      ) : null}
      {props.choices.map((choice) => (
        <label key={choice.id} className="choice-list__choice">
          <input
            type="checkbox"
            checked={props.chosen.includes(choice.id)}
            onChange={() => props.onToggle(choice.id)}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
