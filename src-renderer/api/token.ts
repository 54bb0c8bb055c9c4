const KEY = 'claudomator.token';

/**
 * The API token for browser mode: `serve` prints the page's address with the
 * token in its fragment (never sent to the server); the page keeps it for the
 * session and takes it out of the address bar and history.
 */
export function takeToken(
  loc: Location = window.location,
  store: Storage = sessionStorage,
): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (m?.[1]) {
    store.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', loc.pathname + loc.search);
  }
  return store.getItem(KEY);
}

export function forgetToken(store: Storage = sessionStorage): void {
  store.removeItem(KEY);
}
