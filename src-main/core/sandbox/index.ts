// Public API of the sandbox module: clone a project, find the run's commits, land them.
export { SandboxError } from './errors';
export type { LandResult, LandTarget, SandboxSource } from './types';
export { ensureRepo } from './ensure-repo';
export { resolveCloneSource } from './clone-source';
export { createSandbox, type CreateSandboxOptions } from './create-sandbox';
export { autoCommit, headOf, listCommits } from './commits';
export { landSandbox, type LandOptions } from './land';
export { removeSandbox } from './remove-sandbox';
export { discardsSettled, emptyTrash } from './discard-sandbox';
export { gitIdentityEnv } from '../git/run-git';
