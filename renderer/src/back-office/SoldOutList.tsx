import { describeApiError } from '../api/errors.js';
import { useServerMutation, useServerQuery } from './use-server.js';

const refreshMs = 3000;

/**
 * The truck's sold-out marks in force now, as its terminals synced them or
 * an owner set them, with a button to make each available again.
 */
export function SoldOutList({ truckId }: { truckId: string }) {
  const marks = useServerQuery(
    'trucks.availability',
    { truckId },
    { refetchInterval: refreshMs },
  );
  const setMark = useServerMutation('trucks.setAvailability', ['trucks']);
  const active = (marks.data ?? []).filter((mark) => mark.active);

  return (
    <div className="sold-out-list" data-testid="sold-out-list">
      <h3>Sold out now</h3>
      {marks.isError ? (
        <p className="form-error" role="alert">
          {describeApiError(marks.error).message}
        </p>
      ) : null}
      {marks.data && active.length === 0 ? (
        <p className="panel__hint">Nothing is sold out.</p>
      ) : null}
      <ul>
        {active.map((mark) => (
          <li key={`${mark.target}-${mark.sku}`}>
            <span data-testid="sold-out-sku">{mark.sku}</span>
            <span className="panel__hint">
              {mark.target === 'option' ? 'option' : 'item'}
              {mark.staffId ? ', set at the counter' : ', set by an owner'}
            </span>
            <button
              type="button"
              className="button"
              disabled={setMark.isPending}
              onClick={() =>
                setMark.mutate({
                  truckId,
                  sku: mark.sku,
                  target: mark.target,
                  soldOut: false,
                })
              }
            >
              Make available
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
