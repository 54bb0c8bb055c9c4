/**
 * The text to show for a failed request. Every transport rejects with an
 * Error whose message is the main process's own; Electron's IPC wraps it in
 * "Error invoking remote method '…': Error: …", which says nothing to a user.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return cleanMessage(err.message) || err.name;
  if (typeof err === 'string') return cleanMessage(err);
  if (err && typeof err === 'object' && 'message' in err) {
    const m = (err as { message: unknown }).message;
    if (typeof m === 'string') return cleanMessage(m);
  }
  return 'something went wrong';
}

function cleanMessage(message: string): string {
  return message
    .replace(/^Error invoking remote method '[^']*':\s*/, '')
    .replace(/^(?:[A-Z][A-Za-z]*Error|Error):\s*/, '')
    .trim();
}
