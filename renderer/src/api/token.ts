/** sessionStorage key of the headless terminal's API token. */
export const apiTokenStorageKey = 'galley.apiToken';

/**
 * Reads the API token from the `#token=...` fragment of the URL the
 * headless terminal prints, keeps it in sessionStorage and removes the
 * fragment from the address bar so it is not bookmarked or shared. Without
 * a fragment it returns the token stored earlier in this tab, or null.
 */
export function takeApiToken(
  location: Location,
  history: History,
  storage: Storage,
): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromFragment = fragment.get('token');

  if (fromFragment) {
    storage.setItem(apiTokenStorageKey, fromFragment);
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}`,
    );
    return fromFragment;
  }

  return storage.getItem(apiTokenStorageKey);
}

export function forgetApiToken(storage: Storage): void {
  storage.removeItem(apiTokenStorageKey);
}
