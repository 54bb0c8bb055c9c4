// Who may talk to the main process: only the top frame of our own window,
// showing our own page. Pure, so it is tested without Electron.

export interface SenderInfo {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame?.url`; null when the frame is gone. */
  frameUrl: string | null;
  /** Whether the sending frame is the window's top frame (not an iframe). */
  isMainFrame: boolean;
}

export interface TrustedWindow {
  /** Our window's `webContents.id`; null while there is no window. */
  webContentsId: number | null;
  /** The file:// URL of our page (`dist/renderer/index.html`). */
  pageUrl: string;
}

/** True for the same file:// document as `pageUrl`, whatever its query or hash. */
export function isOurPage(url: string | null, pageUrl: string): boolean {
  if (!url) return false;
  let got: URL;
  let want: URL;
  try {
    got = new URL(url);
    want = new URL(pageUrl);
  } catch {
    return false;
  }
  return (
    got.protocol === 'file:' &&
    want.protocol === 'file:' &&
    got.host === want.host &&
    got.pathname === want.pathname
  );
}

export function isTrustedSender(sender: SenderInfo, trusted: TrustedWindow): boolean {
  return (
    trusted.webContentsId !== null &&
    sender.webContentsId === trusted.webContentsId &&
    sender.isMainFrame &&
    isOurPage(sender.frameUrl, trusted.pageUrl)
  );
}
