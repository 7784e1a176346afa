import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useLocalApi } from '../api/client.js';
import { useIdleLock } from './use-idle-lock.js';
import { useStaffSession } from './use-staff-session.js';

const roleLabels = { staff: 'Staff', manager: 'Manager', owner: 'Owner' };

/**
 * The signed-in staff member in the app bar, with "Switch user", which
 * locks the screen so the next person signs in with their own PIN. It also
 * runs the idle lock while someone is signed in.
 */
export function StaffBadge() {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const session = useStaffSession();
  const lock = useMutation(
    api.session.lock.mutationOptions({
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: api.session.pathKey() }),
    }),
  );
  const staff = session.data?.staff ?? null;

  useIdleLock({
    idleSeconds: staff ? (session.data?.idleLockSeconds ?? null) : null,
    onIdle: () => lock.mutate(),
  });

  if (!staff) return null;
  return (
    <div className="staff-badge">
      <span data-testid="signed-in-staff">
        {staff.name}
        <span className="staff-badge__role"> · {roleLabels[staff.role]}</span>
      </span>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => lock.mutate()}
        disabled={lock.isPending}
      >
        Switch user
      </button>
    </div>
  );
}
