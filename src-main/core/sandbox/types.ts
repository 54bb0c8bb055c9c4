import type { Commit } from '../../../src-shared/domain';

export interface SandboxSource {
  /** What the sandbox is cloned from and pushed back to: a local path or a remote URL. */
  url: string;
  kind: 'bare' | 'working-copy' | 'remote';
  /** The source's checked-out / HEAD branch; null if detached or unknown. */
  branch: string | null;
}

export interface LandTarget {
  kind: SandboxSource['kind'];
  url: string;
  /** Full ref the commits were pushed to, e.g. `refs/heads/claudomator/abc`. */
  ref: string;
  /** The same ref as a branch name, e.g. `claudomator/abc`. */
  branch: string;
}

export interface LandResult {
  commits: Commit[];
  /** False when there was nothing new to bring back. */
  landed: boolean;
  target: LandTarget | null;
  /** Whether the sandbox directory is gone. */
  removed: boolean;
}
