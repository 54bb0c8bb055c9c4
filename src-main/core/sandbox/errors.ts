/** A sandbox step failed; the message is meant for the user and says where the sandbox is. */
export class SandboxError extends Error {
  /** Files a rebase could not merge, when landing hit a real conflict. */
  conflictFiles?: string[];
  /** The sandbox the failure left in place, if there is one. */
  sandboxDir?: string;

  constructor(message: string, opts: { conflictFiles?: string[]; sandboxDir?: string } = {}) {
    super(message);
    this.name = 'SandboxError';
    if (opts.conflictFiles) this.conflictFiles = opts.conflictFiles;
    if (opts.sandboxDir) this.sandboxDir = opts.sandboxDir;
  }
}
