import type { ClaudomatorApi } from '../../src-shared/contract';

declare global {
  interface Window {
    /** The typed API: set by the Electron preload, or by the browser bootstrap. */
    claudomator?: ClaudomatorApi;
  }
}

/** The one way UI code reaches the main process. */
export function api(): ClaudomatorApi {
  if (!window.claudomator) throw new Error('the Claudomator API is not available');
  return window.claudomator;
}
