import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { PinPad } from './PinPad.js';

/**
 * Shown instead of the counter while nobody is signed in or the screen is
 * locked. A wrong PIN and a lock-out both show the terminal's message,
 * which says when to try again.
 */
export function LockScreen({ truckName }: { truckName: string | null }) {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const signIn = useMutation(
    api.session.signIn.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: api.session.pathKey() }),
    }),
  );

  return (
    <main className="lock-screen" aria-labelledby="lock-screen-title">
      <h1 id="lock-screen-title">Galley{truckName ? ` · ${truckName}` : ''}</h1>
      <p className="lock-screen__hint">Enter your PIN to open the counter.</p>
      <PinPad
        label="Staff PIN"
        busy={signIn.isPending}
        error={signIn.isError ? describeApiError(signIn.error).message : null}
        submitLabel="Sign in"
        onSubmit={(pin) => signIn.mutate({ pin })}
      />
    </main>
  );
}
