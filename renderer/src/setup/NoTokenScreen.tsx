/**
 * Shown when the page has no API token: it was opened without the link the
 * headless terminal prints, or the terminal rejected the stored token.
 */
export function NoTokenScreen({ reason }: { reason: 'missing' | 'rejected' }) {
  return (
    <div className="center-screen" role="alert">
      <h1>Open the link the terminal printed</h1>
      <p>
        {reason === 'missing'
          ? 'This page needs the API token of the terminal.'
          : 'The terminal rejected the saved API token (it may have restarted with a new one).'}{' '}
        The terminal prints a link ending in <code>#token=…</code> when it
        starts; open that link in this browser.
      </p>
    </div>
  );
}
