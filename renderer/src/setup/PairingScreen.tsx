import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import type { SetupStatus } from '../../../shared/local-api.js';
import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';

/** First run: pairs this terminal with a truck using the owner's code. */
export function PairingScreen({ status }: { status: SetupStatus }) {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const [serverUrl, setServerUrl] = useState(status.serverUrl ?? '');
  const [pairingCode, setPairingCode] = useState('');
  const [deviceName, setDeviceName] = useState(status.deviceName ?? '');
  const pair = useMutation(
    api.setup.pair.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input: {
      pairingCode: string;
      serverUrl?: string;
      deviceName?: string;
    } = { pairingCode: pairingCode.trim() };
    if (serverUrl.trim()) input.serverUrl = serverUrl.trim();
    if (deviceName.trim()) input.deviceName = deviceName.trim();
    pair.mutate(input);
  };

  return (
    <div className="center-screen">
      <form className="pairing" onSubmit={handleSubmit}>
        <h1>Pair this terminal</h1>
        <p>
          Enter the pairing code the owner got when creating the truck on the
          server.
        </p>
        <label className="field">
          <span>Server URL</span>
          <input
            type="url"
            value={serverUrl}
            onChange={(event) => setServerUrl(event.target.value)}
            placeholder="https://galley.example.com"
            required
          />
        </label>
        <label className="field">
          <span>Pairing code</span>
          <input
            value={pairingCode}
            onChange={(event) => setPairingCode(event.target.value)}
            autoComplete="off"
            autoFocus
            required
          />
        </label>
        <label className="field">
          <span>Device name (optional)</span>
          <input
            value={deviceName}
            onChange={(event) => setDeviceName(event.target.value)}
            placeholder="Counter tablet"
          />
        </label>
        {pair.isError ? (
          <p className="form-error" role="alert">
            {describeApiError(pair.error).message}
          </p>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          disabled={pair.isPending}
        >
          {pair.isPending ? 'Pairing…' : 'Pair'}
        </button>
      </form>
    </div>
  );
}
