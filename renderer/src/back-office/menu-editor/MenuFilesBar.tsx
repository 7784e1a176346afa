import type { ChangeEvent } from 'react';

import { callServer, type ServerOutput } from '../../api/back-office.js';
import { useLocalApiClient } from '../../api/client.js';
import { describeApiError, type ApiFailure } from '../../api/errors.js';
import { downloadText } from '../download.js';
import { useServerMutation } from '../use-server.js';

type MenuDraft = ServerOutput<'menus.getDraft'>;

/**
 * Import and export of the draft as galley.menu.v1 JSON or as CSV. Files are
 * read and saved in the browser; an invalid file changes nothing.
 */
export function MenuFilesBar(props: {
  menuId: string;
  onImported: (draft: MenuDraft) => void;
  onError: (failure: ApiFailure) => void;
}) {
  const client = useLocalApiClient();
  const importFile = useServerMutation('menus.importFile', ['menus']);

  const exportAs = async (format: 'json' | 'csv') => {
    try {
      const file = await callServer(client, 'query', 'menus.export', {
        menuId: props.menuId,
        format,
      });
      downloadText(file.fileName, file.contentType, file.content);
    } catch (error) {
      props.onError(describeApiError(error));
    }
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
    try {
      const draft = await importFile.mutateAsync({
        menuId: props.menuId,
        format,
        content: await file.text(),
      });
      props.onImported(draft);
    } catch (error) {
      props.onError(describeApiError(error));
    }
  };

  return (
    <div className="button-row">
      <label className="button file-button">
        Import JSON or CSV
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          className="visually-hidden"
          onChange={(event) => void upload(event)}
        />
      </label>
      <button
        type="button"
        className="button"
        onClick={() => void exportAs('json')}
      >
        Export JSON
      </button>
      <button
        type="button"
        className="button"
        onClick={() => void exportAs('csv')}
      >
        Export CSV
      </button>
    </div>
  );
}
