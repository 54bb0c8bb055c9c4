import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../lib/error-message';
import { toast } from '../../stores/toasts-store';
import { useUi } from '../../stores/ui-store';
import { addProjectPaths } from './add-projects';

export const BROWSER_DROP_MESSAGE =
  "A browser page can't see where a dropped folder lives. Type the folder's path in the field under Projects instead.";

function carriesFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * What happens to folders dropped on the window. The desktop shell can tell
 * their paths; a browser cannot, so there the user is sent to the path field.
 */
export async function handleDroppedFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  const desktop = api().desktop;
  if (!desktop) {
    toast.info(BROWSER_DROP_MESSAGE);
    useUi.getState().focusPathField();
    return;
  }
  const paths: string[] = [];
  for (const file of files) {
    try {
      const path = desktop.pathForFile(file);
      if (path) paths.push(path);
      else toast.error(`Could not tell where "${file.name}" is on disk`);
    } catch (err) {
      toast.error(`Could not tell where "${file.name}" is: ${errorMessage(err)}`);
    }
  }
  await addProjectPaths(paths);
}

/** Listens for drags over the whole window; true while files hover over it. */
export function useFolderDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const onEnter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent): void => {
      if (!carriesFiles(e) && (e.dataTransfer?.files.length ?? 0) === 0) return;
      // Never let the page navigate to a dropped file.
      e.preventDefault();
      depth = 0;
      setDragging(false);
      void handleDroppedFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return dragging;
}
