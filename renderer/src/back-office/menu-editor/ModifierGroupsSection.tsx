import type { Menu } from '../../../../shared/menu.js';
import { freshId, type EditMenu } from './edit-menu.js';
import {
  MenuMoneyField,
  MenuNumberField,
  MenuTextField,
} from './menu-fields.js';

/**
 * Modifier groups with their min and max choices and their options. An
 * option price may be negative, as in "no meat".
 */
export function ModifierGroupsSection(props: { menu: Menu; edit: EditMenu }) {
  const { menu, edit } = props;
  return (
    <section className="panel" aria-labelledby="modifier-groups-title">
      <h2 id="modifier-groups-title">Modifier groups</h2>
      {menu.modifierGroups.map((group, groupIndex) => {
        const base = `modifierGroups.${groupIndex}`;
        return (
          <fieldset
            key={groupIndex}
            className="editor-card"
            data-testid="modifier-group-editor"
          >
            <legend>{group.name || 'New group'}</legend>
            <div className="form-row">
              <MenuTextField
                label="Group id"
                path={`${base}.id`}
                value={group.id}
                onValue={(value) =>
                  edit((draft) => {
                    draft.modifierGroups[groupIndex]!.id = value;
                  })
                }
              />
              <MenuTextField
                label="Group name"
                path={`${base}.name`}
                value={group.name}
                onValue={(value) =>
                  edit((draft) => {
                    draft.modifierGroups[groupIndex]!.name = value;
                  })
                }
              />
              <MenuNumberField
                label="Min choices"
                path={`${base}.min`}
                className="field--narrow"
                value={group.min}
                onValue={(value) =>
                  edit((draft) => {
                    draft.modifierGroups[groupIndex]!.min = value ?? 0;
                  })
                }
              />
              <MenuNumberField
                label="Max choices"
                path={`${base}.max`}
                className="field--narrow"
                value={group.max}
                onValue={(value) =>
                  edit((draft) => {
                    draft.modifierGroups[groupIndex]!.max = value ?? 0;
                  })
                }
              />
              <button
                type="button"
                className="button"
                onClick={() =>
                  edit((draft) => {
                    draft.modifierGroups.splice(groupIndex, 1);
                  })
                }
              >
                Remove group
              </button>
            </div>
            {group.options.map((option, optionIndex) => {
              const optionBase = `${base}.options.${optionIndex}`;
              return (
                <div key={optionIndex} className="form-row form-row--nested">
                  <MenuTextField
                    label="Option SKU"
                    path={`${optionBase}.sku`}
                    value={option.sku}
                    onValue={(value) =>
                      edit((draft) => {
                        draft.modifierGroups[groupIndex]!.options[
                          optionIndex
                        ]!.sku = value;
                      })
                    }
                  />
                  <MenuTextField
                    label="Option name"
                    path={`${optionBase}.name`}
                    value={option.name}
                    onValue={(value) =>
                      edit((draft) => {
                        draft.modifierGroups[groupIndex]!.options[
                          optionIndex
                        ]!.name = value;
                      })
                    }
                  />
                  <MenuMoneyField
                    label="Option price"
                    path={`${optionBase}.price`}
                    className="field--narrow"
                    value={option.price}
                    currency={menu.currency}
                    allowNegative
                    onValue={(value) =>
                      edit((draft) => {
                        draft.modifierGroups[groupIndex]!.options[
                          optionIndex
                        ]!.price = value;
                      })
                    }
                  />
                  <button
                    type="button"
                    className="button"
                    aria-label={`Remove option ${option.name}`}
                    onClick={() =>
                      edit((draft) => {
                        draft.modifierGroups[groupIndex]!.options.splice(
                          optionIndex,
                          1,
                        );
                      })
                    }
                  >
                    Remove
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="button"
              onClick={() =>
                edit((draft) => {
                  const taken = draft.modifierGroups.flatMap((entry) =>
                    entry.options.map((candidate) => candidate.sku),
                  );
                  draft.modifierGroups[groupIndex]!.options.push({
                    sku: freshId(`${group.id}-option`, taken),
                    name: '',
                    price: 0,
                  });
                })
              }
            >
              Add option
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
              'group',
              draft.modifierGroups.map((group) => group.id),
            );
            draft.modifierGroups.push({
              id,
              name: '',
              min: 0,
              max: 1,
              options: [{ sku: `${id}-option-1`, name: '', price: 0 }],
            });
          })
        }
      >
        Add modifier group
      </button>
    </section>
  );
}
