import type { Menu } from '../../../../shared/menu.js';
import { freshId, type EditMenu } from './edit-menu.js';
import { MenuTextField } from './menu-fields.js';

/** The menu's tax rates, each a decimal fraction such as "0.0825". */
export function TaxRatesSection(props: { menu: Menu; edit: EditMenu }) {
  const { menu, edit } = props;
  return (
    <section className="panel" aria-labelledby="tax-rates-title">
      <h2 id="tax-rates-title">Tax rates</h2>
      {menu.taxRates.map((rate, index) => (
        <div key={index} className="form-row">
          <MenuTextField
            label="Id"
            path={`taxRates.${index}.id`}
            value={rate.id}
            onValue={(value) =>
              edit((draft) => {
                draft.taxRates[index]!.id = value;
              })
            }
          />
          <MenuTextField
            label="Name"
            path={`taxRates.${index}.name`}
            value={rate.name}
            onValue={(value) =>
              edit((draft) => {
                draft.taxRates[index]!.name = value;
              })
            }
          />
          <MenuTextField
            label="Rate (0.0825 is 8.25%)"
            path={`taxRates.${index}.rate`}
            value={rate.rate}
            onValue={(value) =>
              edit((draft) => {
                draft.taxRates[index]!.rate = value;
              })
            }
          />
          <button
            type="button"
            className="button"
            aria-label={`Remove tax rate ${rate.name}`}
            onClick={() =>
              edit((draft) => {
                draft.taxRates.splice(index, 1);
              })
            }
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          edit((draft) => {
            const id = freshId(
              'tax',
              draft.taxRates.map((rate) => rate.id),
            );
            draft.taxRates.push({ id, name: 'Sales tax', rate: '0' });
          })
        }
      >
        Add tax rate
      </button>
    </section>
  );
}
