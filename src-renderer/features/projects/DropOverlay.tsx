import { api } from '../../api/client';
import { TID } from '../../testids';
import { useFolderDrop } from './use-folder-drop';

export function DropOverlay() {
  const dragging = useFolderDrop();
  if (!dragging) return null;
  const desktop = !!window.claudomator && !!api().desktop;
  return (
    <div className="drop-overlay" data-testid={TID.dropOverlay}>
      <div className="drop-overlay-box">
        <strong>Drop folders to add them as projects</strong>
        {!desktop && (
          <span className="muted">
            In a browser, dropping can&apos;t tell the folder&apos;s path — you&apos;ll be asked to
            type it.
          </span>
        )}
      </div>
    </div>
  );
}
