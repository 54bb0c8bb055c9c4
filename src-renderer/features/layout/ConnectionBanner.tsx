import { TID } from '../../testids';
import { useConnection } from '../../stores/connection-store';

/** Browser mode: says so while the WebSocket to `serve` is down or the token was refused. */
export function ConnectionBanner() {
  const state = useConnection((s) => s.state);
  const lost = useConnection((s) => s.lost);
  if (state === 'open' || (state === 'connecting' && !lost)) return null;
  return (
    <div
      className={`connection-banner${state === 'unauthorized' ? ' is-fatal' : ''}`}
      role="alert"
      data-testid={TID.connectionBanner}
      data-state={state}
    >
      {state === 'unauthorized' ? (
        <>
          Claudomator refused this page&apos;s token. Open the address <code>serve</code> printed
          (it ends in <code>#token=…</code>) again.
        </>
      ) : (
        <>Lost the connection to Claudomator — reconnecting… Changes made now will fail.</>
      )}
    </div>
  );
}
