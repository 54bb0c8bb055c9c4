import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/error-message';
import { TID } from '../../testids';
import { toast } from '../../stores/toasts-store';
import { useUi } from '../../stores/ui-store';
import { addProjectPaths } from './add-projects';

/** A typed folder path (both modes) and, in the desktop window, the folder picker. */
export function AddProjectForm() {
  const desktop = api().desktop;
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusRequests = useUi((s) => s.pathFocusRequests);

  useEffect(() => {
    if (focusRequests > 0) inputRef.current?.focus();
  }, [focusRequests]);

  const addTyped = async (): Promise<void> => {
    const value = path.trim();
    if (!value) {
      toast.error('Type the absolute path of a project folder first');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const added = await addProjectPaths([value]);
    setBusy(false);
    if (added.length > 0) setPath('');
  };

  const pick = async (): Promise<void> => {
    if (!desktop) return;
    try {
      const paths = await desktop.pickFolders();
      if (paths.length > 0) await addProjectPaths(paths);
    } catch (err) {
      toast.error(`Could not open the folder picker: ${errorMessage(err)}`);
    }
  };

  return (
    <div className="add-project">
      {desktop && (
        <button
          className="btn btn-small add-project-pick"
          onClick={() => void pick()}
          data-testid={TID.addProjectPick}
        >
          + Add folder…
        </button>
      )}
      <form
        className="add-project-path"
        onSubmit={(e) => {
          e.preventDefault();
          void addTyped();
        }}
      >
        <input
          ref={inputRef}
          className="field"
          placeholder={desktop ? 'or type a folder path' : '/path/to/project'}
          aria-label="Project folder path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          spellCheck={false}
          data-testid={TID.addProjectInput}
        />
        <button
          type="submit"
          className="btn btn-small"
          disabled={busy}
          data-testid={TID.addProjectButton}
        >
          {busy ? '…' : 'Add'}
        </button>
      </form>
      {!desktop && (
        <p className="add-project-hint subtle">
          Type the folder&apos;s absolute path: a browser can&apos;t read paths from dropped
          folders.
        </p>
      )}
    </div>
  );
}
