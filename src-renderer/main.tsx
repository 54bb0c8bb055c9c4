// Theme and element defaults first: component styles come after and win.
import './theme.css';
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWsApi } from './api/ws-api';
import { forgetToken, takeToken } from './api/token';
import { App } from './App';
import { NoTokenScreen } from './features/layout/NoTokenScreen';
import { useConnection } from './stores/connection-store';

// Browser mode: no preload put an API on window, so connect to `serve` over
// its WebSocket with the token the page was opened with.
if (!window.claudomator) {
  const token = takeToken();
  if (token) {
    const wsApi = createWsApi(window.location.origin, token);
    window.claudomator = wsApi;
    useConnection.getState().set(wsApi.state());
    wsApi.onState((s) => {
      useConnection.getState().set(s);
      // A refused token is useless: a reload shows how to get a good one.
      if (s === 'unauthorized') forgetToken();
    });
  }
}

const root = createRoot(document.getElementById('root')!);
root.render(<StrictMode>{window.claudomator ? <App /> : <NoTokenScreen />}</StrictMode>);
