import { useState, type FormEvent } from 'react';

import type { StaffMember, StaffRole } from '../../../shared/staff.js';
import { staffRoles } from '../../../shared/staff.js';
import { describeApiError } from '../api/errors.js';
import { errorForField, generalError } from './field-errors.js';
import { TextField } from './TextField.js';
import { useServerMutation, useServerQuery } from './use-server.js';

const roleLabels: Record<StaffRole, string> = {
  staff: 'Staff',
  manager: 'Manager',
  owner: 'Owner',
};

/**
 * Staff of the organisation: add with a role and PIN, change a PIN,
 * deactivate and reactivate. Terminals pick up changes at their next sync.
 */
export function StaffScreen() {
  const staff = useServerQuery('staff.list', undefined);

  return (
    <div className="back-office__page">
      <section className="panel" aria-labelledby="staff-title">
        <h2 id="staff-title">Staff</h2>
        {staff.isError ? (
          <p className="form-error" role="alert">
            {describeApiError(staff.error).message}
          </p>
        ) : null}
        {staff.data && staff.data.length === 0 ? (
          <p className="panel__hint">
            No staff yet. Without staff the counter opens without a PIN.
          </p>
        ) : null}
        {staff.data && staff.data.length > 0 ? (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">New PIN</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.map((member) => (
                <StaffRow key={member.id} member={member} />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <AddStaffForm />
    </div>
  );
}

function StaffRow({ member }: { member: StaffMember }) {
  const [pin, setPin] = useState('');
  const setPinCall = useServerMutation('staff.setPin', ['staff']);
  const update = useServerMutation('staff.update', ['staff']);
  const failure = setPinCall.isError
    ? describeApiError(setPinCall.error)
    : update.isError
      ? describeApiError(update.error)
      : null;

  const changePin = (event: FormEvent) => {
    event.preventDefault();
    setPinCall.mutate(
      { staffId: member.id, pin },
      { onSuccess: () => setPin('') },
    );
  };

  return (
    <tr data-testid={`staff-row-${member.name}`}>
      <td>{member.name}</td>
      <td>{roleLabels[member.role]}</td>
      <td>{member.active ? 'Active' : 'Deactivated'}</td>
      <td>
        <form className="inline-form" onSubmit={changePin} noValidate>
          <TextField
            label={`New PIN for ${member.name}`}
            className="field--compact field--hidden-label"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            onValue={setPin}
            error={errorForField(failure, 'pin')}
          />
          <button
            type="submit"
            className="button"
            disabled={setPinCall.isPending}
          >
            Change PIN
          </button>
        </form>
        {setPinCall.isSuccess ? <span role="status">PIN changed.</span> : null}
        {generalError(failure, ['pin']) ? (
          <span className="form-error" role="alert">
            {generalError(failure, ['pin'])}
          </span>
        ) : null}
      </td>
      <td>
        <button
          type="button"
          className="button"
          disabled={update.isPending}
          onClick={() =>
            update.mutate({ staffId: member.id, active: !member.active })
          }
        >
          {member.active ? 'Deactivate' : 'Reactivate'}
        </button>
      </td>
    </tr>
  );
}

function AddStaffForm() {
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const [pin, setPin] = useState('');
  const create = useServerMutation('staff.create', ['staff']);
  const failure = create.isError ? describeApiError(create.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, role, pin },
      {
        onSuccess: () => {
          setName('');
          setPin('');
        },
      },
    );
  };

  return (
    <form
      className="panel"
      aria-labelledby="add-staff-title"
      onSubmit={submit}
      noValidate
    >
      <h2 id="add-staff-title">Add staff</h2>
      <div className="form-row">
        <TextField
          label="Name"
          name="name"
          value={name}
          onValue={setName}
          error={errorForField(failure, 'name')}
        />
        <label className="field">
          <span className="field__label">Role</span>
          <select
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value as StaffRole)}
          >
            {staffRoles.map((value) => (
              <option key={value} value={value}>
                {roleLabels[value]}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="PIN (4 to 6 digits)"
          name="pin"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onValue={setPin}
          error={errorForField(failure, 'pin')}
        />
      </div>
      <p className="form-error" role="alert">
        {generalError(failure, ['name', 'pin']) ?? ''}
      </p>
      <button
        type="submit"
        className="button button--primary"
        disabled={create.isPending}
      >
        Add staff member
      </button>
    </form>
  );
}
