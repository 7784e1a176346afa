import { useState, type FormEvent } from 'react';

import type { OrganizationSettings } from '../../../shared/staff.js';
import { describeApiError } from '../api/errors.js';
import { errorForField, generalError } from './field-errors.js';
import { TextField } from './TextField.js';
import { useServerMutation, useServerQuery } from './use-server.js';

/** Organisation settings the terminals enforce, and the password change. */
export function SettingsScreen() {
  const settings = useServerQuery('settings.get', undefined);
  return (
    <div className="back-office__page">
      {settings.isError ? (
        <p className="form-error" role="alert">
          {describeApiError(settings.error).message}
        </p>
      ) : null}
      {settings.data ? <SettingsForm current={settings.data} /> : null}
      <PasswordForm />
    </div>
  );
}

function SettingsForm({ current }: { current: OrganizationSettings }) {
  const [limit, setLimit] = useState(current.discountLimitPercent);
  const [idle, setIdle] = useState(String(current.idleLockSeconds));
  const update = useServerMutation('settings.update', ['settings']);
  const failure = update.isError ? describeApiError(update.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      discountLimitPercent: limit.trim(),
      idleLockSeconds: Number(idle),
    });
  };

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>Counter rules</h2>
      <div className="form-row">
        <TextField
          label="Discounts above this % need a manager"
          inputMode="decimal"
          value={limit}
          onValue={setLimit}
          error={errorForField(failure, 'discountLimitPercent')}
        />
        <TextField
          label="Lock the counter after (seconds idle)"
          inputMode="numeric"
          value={idle}
          onValue={setIdle}
          error={errorForField(failure, 'idleLockSeconds')}
        />
      </div>
      <p className="form-error" role="alert">
        {generalError(failure, ['discountLimitPercent', 'idleLockSeconds']) ??
          ''}
      </p>
      {update.isSuccess ? (
        <p role="status">Saved. Terminals apply it at their next sync.</p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        disabled={update.isPending}
      >
        Save rules
      </button>
    </form>
  );
}

function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const change = useServerMutation('auth.changePassword');
  const failure = change.isError ? describeApiError(change.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
        },
      },
    );
  };

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>Change password</h2>
      <div className="form-row">
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onValue={setCurrentPassword}
          error={errorForField(failure, 'currentPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onValue={setNewPassword}
          error={errorForField(failure, 'newPassword')}
        />
      </div>
      <p className="form-error" role="alert">
        {generalError(failure, ['currentPassword', 'newPassword']) ?? ''}
      </p>
      {change.isSuccess ? (
        <p role="status">
          Password changed. Your other sessions were signed out.
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        disabled={change.isPending}
      >
        Change password
      </button>
    </form>
  );
}
