import type { ReactNode } from 'react';
import { TID } from '../../testids';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Modal
      title={title}
      onClose={onCancel}
      size="small"
      testId={TID.confirmDialog}
      footer={
        <>
          <button className="btn" onClick={onCancel} data-testid={TID.confirmCancel}>
            Cancel
          </button>
          <button
            className={danger ? 'btn btn-danger-solid' : 'btn btn-primary'}
            onClick={onConfirm}
            disabled={busy}
            data-testid={TID.confirmOk}
            data-autofocus
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error && <p className="error-note">{error}</p>}
    </Modal>
  );
}
