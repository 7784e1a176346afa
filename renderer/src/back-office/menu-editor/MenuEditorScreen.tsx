import { useState, type FormEvent } from 'react';

import { describeApiError } from '../../api/errors.js';
import { errorForField, generalError } from '../field-errors.js';
import { TextField } from '../TextField.js';
import { useServerMutation, useServerQuery } from '../use-server.js';
import { MenuDraftEditor } from './MenuDraftEditor.js';

/** Picks a menu of the organisation (or creates one) and edits its draft. */
export function MenuEditorScreen() {
  const menus = useServerQuery('menus.list', undefined);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const menuId = chosenId ?? menus.data?.[0]?.id ?? null;

  return (
    <div className="back-office__page">
      {menus.isError ? (
        <p className="form-error" role="alert">
          {describeApiError(menus.error).message}
        </p>
      ) : null}
      <div className="panel form-row">
        {menus.data && menus.data.length > 0 ? (
          <label className="field">
            <span className="field__label">Menu</span>
            <select
              value={menuId ?? ''}
              onChange={(event) => setChosenId(event.target.value)}
            >
              {menus.data.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                  {entry.latestVersion
                    ? ` (published v${entry.latestVersion.version})`
                    : ' (never published)'}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <CreateMenuForm onCreated={setChosenId} />
      </div>
      {menuId ? <DraftLoader menuId={menuId} /> : null}
    </div>
  );
}

function DraftLoader({ menuId }: { menuId: string }) {
  const draft = useServerQuery('menus.getDraft', { menuId });
  // A new key (menu, or a draft replaced by an import) starts the editor
  // afresh from the server's copy.
  const [replacedAt, setReplacedAt] = useState(0);

  if (draft.isError) {
    return (
      <p className="form-error" role="alert">
        {describeApiError(draft.error).message}
      </p>
    );
  }
  if (!draft.data) return null;
  return (
    <MenuDraftEditor
      key={`${menuId}-${replacedAt}`}
      draft={draft.data}
      onReplaced={() => {
        void draft.refetch().then(() => setReplacedAt(Date.now()));
      }}
    />
  );
}

function CreateMenuForm(props: { onCreated: (menuId: string) => void }) {
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('USD');
  const create = useServerMutation('menus.create', ['menus']);
  const failure = create.isError ? describeApiError(create.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, currency: currency.trim().toUpperCase() },
      {
        onSuccess: (draft) => {
          setName('');
          props.onCreated(draft.menuId);
        },
      },
    );
  };

  return (
    <form className="form-row" onSubmit={submit} noValidate>
      <TextField
        label="New menu name"
        value={name}
        onValue={setName}
        error={errorForField(failure, 'name')}
      />
      <TextField
        label="Currency"
        className="field--narrow"
        value={currency}
        onValue={setCurrency}
        error={errorForField(failure, 'currency')}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        Create menu
      </button>
      {generalError(failure, ['name', 'currency']) ? (
        <p className="form-error" role="alert">
          {generalError(failure, ['name', 'currency'])}
        </p>
      ) : null}
    </form>
  );
}
