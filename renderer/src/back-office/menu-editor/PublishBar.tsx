import { useState } from 'react';

import { describeApiError, type ApiFailure } from '../../api/errors.js';
import { useServerMutation, useServerQuery } from '../use-server.js';

/**
 * Chooses the trucks and publishes the draft to them. Retired trucks are
 * left out, since they take no new menus.
 */
export function PublishBar(props: {
  menuId: string;
  beforePublish: () => Promise<boolean>;
  onResult: (message: string | null, error: ApiFailure | null) => void;
}) {
  const trucks = useServerQuery('trucks.list', undefined);
  const publish = useServerMutation('menus.publish', ['menus', 'trucks']);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const active = (trucks.data ?? []).filter((truck) => !truck.retiredAt);
  const selected = chosen ?? active.map((truck) => truck.id);

  const run = async () => {
    if (!(await props.beforePublish())) return;
    try {
      const result = await publish.mutateAsync({
        menuId: props.menuId,
        truckIds: selected,
      });
      props.onResult(
        `Published version ${result.version} to ${selected.length} truck${selected.length === 1 ? '' : 's'}.`,
        null,
      );
    } catch (error) {
      props.onResult(null, describeApiError(error));
    }
  };

  return (
    <fieldset className="publish-bar">
      <legend>Publish to</legend>
      {active.map((truck) => (
        <label key={truck.id} className="choice-list__choice">
          <input
            type="checkbox"
            checked={selected.includes(truck.id)}
            onChange={() =>
              setChosen(
                selected.includes(truck.id)
                  ? selected.filter((id) => id !== truck.id)
                  : [...selected, truck.id],
              )
            }
          />
          {truck.name}
        </label>
      ))}
      <button
        type="button"
        className="button button--primary"
        disabled={selected.length === 0 || publish.isPending}
        onClick={() => void run()}
      >
        Publish
      </button>
    </fieldset>
  );
}
