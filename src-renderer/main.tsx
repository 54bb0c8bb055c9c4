import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWsApi } from './api/ws-api';
import { takeToken } from './api/token';

// Browser mode: no preload put an API on window, so connect to `serve` over
// its WebSocket with the token the page was opened with.
if (!window.claudomator) {
  const token = takeToken();
  if (token) window.claudomator = createWsApi(window.location.origin, token);
}

const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    <p>Claudomator</p>
  </StrictMode>,
);
