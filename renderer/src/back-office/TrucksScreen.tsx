import { useState, type FormEvent } from 'react';

import type { ServerOutput } from '../api/back-office.js';
import { describeApiError } from '../api/errors.js';
import { formatClockTime } from '../status/format-time.js';
import { errorForField, generalError } from './field-errors.js';
import { SoldOutList } from './SoldOutList.js';
import { TextField } from './TextField.js';
import { useServerMutation, useServerQuery } from './use-server.js';

type Truck = ServerOutput<'trucks.list'>[number];

/**
 * Trucks of the organisation: create, rename, time zone and business-day
 * cut-off, retire, pairing codes, paired devices and today's sold-out marks.
 */
export function TrucksScreen() {
  const trucks = useServerQuery('trucks.list', undefined);
  return (
    <div className="back-office__page">
      {trucks.isError ? (
        <p className="form-error" role="alert">
          {describeApiError(trucks.error).message}
        </p>
      ) : null}
      {(trucks.data ?? []).map((truck) => (
        <TruckPanel key={truck.id} truck={truck} />
      ))}
      <CreateTruckForm />
    </div>
  );
}

function TruckPanel({ truck }: { truck: Truck }) {
  const [name, setName] = useState(truck.name);
  const [timezone, setTimezone] = useState(truck.timezone);
  const [cutoff, setCutoff] = useState(truck.businessDayCutoff);
  const rename = useServerMutation('trucks.rename', ['trucks']);
  const update = useServerMutation('trucks.update', ['trucks']);
  const retire = useServerMutation('trucks.retire', ['trucks']);
  const issueCode = useServerMutation('trucks.issuePairingCode');
  const revoke = useServerMutation('devices.revoke', ['trucks']);
  const retired = truck.retiredAt !== null;

  const failure =
    [rename, update, retire, issueCode, revoke]
      .map((call) => (call.isError ? describeApiError(call.error) : null))
      .find((entry) => entry !== null) ?? null;
  const fields = ['name', 'timezone', 'businessDayCutoff'];

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (name !== truck.name) rename.mutate({ truckId: truck.id, name });
    if (timezone !== truck.timezone || cutoff !== truck.businessDayCutoff) {
      update.mutate({ truckId: truck.id, timezone, businessDayCutoff: cutoff });
    }
  };

  return (
    <section
      className="panel"
      aria-label={`Truck ${truck.name}`}
      data-testid={`truck-${truck.name}`}
    >
      <h2>
        {truck.name}
        {retired ? ' (retired)' : ''}
      </h2>
      <p className="panel__hint">
        Menu version {truck.menuVersion ?? 'none yet'}
      </p>
      <form className="form-row" onSubmit={save} noValidate>
        <TextField
          label="Name"
          value={name}
          onValue={setName}
          disabled={retired}
          error={errorForField(failure, 'name')}
        />
        <TextField
          label="Time zone (IANA, such as America/Chicago)"
          value={timezone}
          onValue={setTimezone}
          disabled={retired}
          error={errorForField(failure, 'timezone')}
        />
        <TextField
          label="Business day ends at (HH:MM)"
          value={cutoff}
          onValue={setCutoff}
          disabled={retired}
          error={errorForField(failure, 'businessDayCutoff')}
        />
        <button type="submit" className="button" disabled={retired}>
          Save truck
        </button>
      </form>
      <p className="form-error" role="alert">
        {generalError(failure, fields) ?? ''}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={retired || issueCode.isPending}
          onClick={() => issueCode.mutate({ truckId: truck.id })}
        >
          Issue pairing code
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={retired || retire.isPending}
          onClick={() => retire.mutate({ truckId: truck.id })}
        >
          Retire truck
        </button>
      </div>
      {issueCode.data ? (
        <p className="pairing-code" role="status">
          <span className="pairing-code__value" data-testid="pairing-code">
            {issueCode.data.pairingCode}
          </span>
          <span>
            Use it once, before {formatClockTime(issueCode.data.expiresAt)}.
          </span>
        </p>
      ) : null}
      <h3>Devices</h3>
      {truck.devices.length === 0 ? (
        <p className="panel__hint">No devices paired.</p>
      ) : (
        <ul className="device-list">
          {truck.devices.map((device) => (
            <li key={device.id}>
              <span>
                {device.name} · slot {device.slot}
                {device.revokedAt ? ' · revoked' : ''}
              </span>
              <button
                type="button"
                className="button"
                disabled={device.revokedAt !== null || revoke.isPending}
                onClick={() => revoke.mutate({ deviceId: device.id })}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {retired ? null : <SoldOutList truckId={truck.id} />}
    </section>
  );
}

function CreateTruckForm() {
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState(
    Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  const [cutoff, setCutoff] = useState('04:00');
  const create = useServerMutation('trucks.create', ['trucks']);
  const failure = create.isError ? describeApiError(create.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, timezone, businessDayCutoff: cutoff },
      { onSuccess: () => setName('') },
    );
  };

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>Add a truck</h2>
      <div className="form-row">
        <TextField
          label="Name"
          value={name}
          onValue={setName}
          error={errorForField(failure, 'name')}
        />
        <TextField
          label="Time zone"
          value={timezone}
          onValue={setTimezone}
          error={errorForField(failure, 'timezone')}
        />
        <TextField
          label="Business day ends at (HH:MM)"
          value={cutoff}
          onValue={setCutoff}
          error={errorForField(failure, 'businessDayCutoff')}
        />
      </div>
      <p className="form-error" role="alert">
        {generalError(failure, ['name', 'timezone', 'businessDayCutoff']) ?? ''}
      </p>
      <button
        type="submit"
        className="button button--primary"
        disabled={create.isPending}
      >
        Add truck
      </button>
    </form>
  );
}
