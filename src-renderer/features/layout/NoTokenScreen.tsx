import { TID } from '../../testids';

/** Browser mode without a token: the page cannot talk to `serve` at all. */
export function NoTokenScreen() {
  return (
    <div className="no-token" data-testid={TID.noTokenScreen}>
      <div className="no-token-box">
        <h1>Claudomator</h1>
        <p>This page needs the address that includes its access token.</p>
        <p>
          Open the address <code>claudomator serve</code> printed in its terminal — it looks like{' '}
          <code>http://127.0.0.1:PORT/#token=…</code>.
        </p>
        <p className="muted">
          The token stays in this tab only. Opened the page in a new tab or window? Use that address
          again.
        </p>
      </div>
    </div>
  );
}
