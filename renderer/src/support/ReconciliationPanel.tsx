import type { Reconciliation } from '../../../shared/reconciliation.js';
import { formatClockTime } from '../status/format-time.js';

/** Shows the last comparison of this terminal's business days with the server's. */
export function ReconciliationPanel(props: {
  reconciliation: Reconciliation | null;
}) {
  const { reconciliation } = props;
  return (
    <>
      <h3>Reconciliation</h3>
      {reconciliation === null ? (
        <p>Not checked yet. It runs after the next sync.</p>
      ) : (
        <div data-testid="reconciliation">
          <p>
            {reconciliation.state === 'reconciled' ? 'Reconciled' : 'Differs'}{' '}
            (checked {formatClockTime(reconciliation.checkedAt)})
          </p>
          <ul>
            {reconciliation.days.map((day) => (
              <li key={day.businessDate}>
                {day.businessDate}: {day.terminal.count} orders here,{' '}
                {day.server.count} on the server
                {day.missingOnServer.length > 0
                  ? `; sent again: ${day.missingOnServer.map((order) => order.number).join(', ')}`
                  : ''}
                {day.extraOnServer.length > 0
                  ? `; only on the server: ${day.extraOnServer.map((order) => order.number).join(', ')}`
                  : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
