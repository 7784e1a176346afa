import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { errorForField, generalError } from './field-errors.js';
import { TextField } from './TextField.js';

/** Owner sign-in with email and password; it needs the server online. */
export function SignInForm() {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    api.backOffice.signIn.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: api.backOffice.pathKey() }),
    }),
  );
  const failure = signIn.isError ? describeApiError(signIn.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <div className="center-screen">
      <form className="panel sign-in" onSubmit={submit} noValidate>
        <h1>Owner sign-in</h1>
        <p className="panel__hint">
          Menus, staff, trucks and reports live on the server, so the back
          office needs this terminal to be online.
        </p>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          error={errorForField(failure, 'email')}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errorForField(failure, 'password')}
        />
        <p className="form-error" role="alert">
          {generalError(failure, ['email', 'password']) ?? ''}
        </p>
        <button
          type="submit"
          className="button button--primary"
          disabled={signIn.isPending}
        >
          Sign in
        </button>
      </form>
    </div>
  );
}
