import { useState } from 'react';

import type { Menu } from '../../../../shared/menu.js';
import type { ServerOutput } from '../../api/back-office.js';
import { describeApiError, type ApiFailure } from '../../api/errors.js';
import { CategoriesSection } from './CategoriesSection.js';
import type { EditMenu } from './edit-menu.js';
import { MenuFilesBar } from './MenuFilesBar.js';
import { MenuNumberField, MenuTextField } from './menu-fields.js';
import { MenuFieldErrorContext, type MenuFieldError } from './menu-fields.js';
import { ModifierGroupsSection } from './ModifierGroupsSection.js';
import { PublishBar } from './PublishBar.js';
import { TaxRatesSection } from './TaxRatesSection.js';
import { useServerMutation } from '../use-server.js';

type MenuDraft = ServerOutput<'menus.getDraft'>;

/**
 * Edits one menu's draft in the browser. Saving replaces the server's draft
 * (rejected when another save came first); publishing saves first, then
 * makes a new immutable version for the chosen trucks.
 */
export function MenuDraftEditor(props: {
  draft: MenuDraft;
  onReplaced: (draft: MenuDraft) => void;
}) {
  const [menu, setMenu] = useState<Menu>(props.draft.menu);
  const [revision, setRevision] = useState(props.draft.revision);
  const [dirty, setDirty] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useServerMutation('menus.saveDraft', ['menus']);
  const menuId = props.draft.menuId;

  const edit: EditMenu = (change) => {
    setMenu((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
    setDirty(true);
    setNotice(null);
  };

  /** Saves the draft when it changed; resolves false when the save failed. */
  const saveDraft = async (): Promise<boolean> => {
    if (!dirty) return true;
    setFailure(null);
    try {
      const saved = await save.mutateAsync({
        menuId,
        menu,
        expectedRevision: revision,
      });
      setRevision(saved.revision);
      setDirty(false);
      setNotice(`Draft saved (revision ${saved.revision}).`);
      return true;
    } catch (error) {
      setFailure(describeApiError(error));
      return false;
    }
  };

  const fieldError = toMenuFieldError(failure);

  return (
    <MenuFieldErrorContext.Provider value={fieldError}>
      <div className="menu-editor" aria-label={`Menu ${menu.name}`}>
        <div className="panel menu-editor__toolbar">
          <button
            type="button"
            className="button button--primary"
            disabled={save.isPending}
            onClick={() => void saveDraft()}
          >
            {dirty ? 'Save draft' : 'Draft saved'}
          </button>
          <PublishBar
            menuId={menuId}
            beforePublish={saveDraft}
            onResult={(message, error) => {
              setNotice(message);
              if (error) setFailure(error);
            }}
          />
          <MenuFilesBar
            menuId={menuId}
            onImported={(draft) => props.onReplaced(draft)}
            onError={setFailure}
          />
        </div>
        <div className="menu-editor__messages">
          <p className="form-error" role="alert" data-testid="menu-error">
            {failure ? failure.message : ''}
          </p>
          <p role="status" data-testid="menu-notice">
            {notice ?? ''}
          </p>
        </div>
        <section className="panel" aria-labelledby="menu-settings-title">
          <h2 id="menu-settings-title">Menu</h2>
          <div className="form-row">
            <MenuTextField
              label="Menu name"
              path="name"
              value={menu.name}
              onValue={(value) => edit((draft) => void (draft.name = value))}
            />
            <label className="field">
              <span className="field__label">Tax mode</span>
              <select
                value={menu.taxMode}
                onChange={(event) =>
                  edit(
                    (draft) =>
                      void (draft.taxMode = event.target
                        .value as Menu['taxMode']),
                  )
                }
              >
                <option value="exclusive">Prices exclude tax</option>
                <option value="inclusive">Prices include tax</option>
              </select>
            </label>
            <MenuNumberField
              label={`Cash rounding (minor units of ${menu.currency}, blank for none)`}
              path="cashRounding"
              value={menu.cashRounding}
              onValue={(value) =>
                edit((draft) => {
                  if (value === undefined) delete draft.cashRounding;
                  else draft.cashRounding = value;
                })
              }
            />
          </div>
        </section>
        <TaxRatesSection menu={menu} edit={edit} />
        <ModifierGroupsSection menu={menu} edit={edit} />
        <CategoriesSection menu={menu} edit={edit} />
      </div>
    </MenuFieldErrorContext.Provider>
  );
}

/** Maps the server's field ("menu.categories.0.sku") to a menu path. */
function toMenuFieldError(failure: ApiFailure | null): MenuFieldError | null {
  if (!failure?.field) return null;
  const path = failure.field.replace(/^menu\./, '');
  return { path, message: failure.message };
}
