import { TID } from '../../testids';
import { useToasts } from '../../stores/toasts-store';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid={TID.toast}
          data-kind={t.kind}
        >
          <span className="toast-message">{t.message}</span>
          <button
            className="toast-close"
            aria-label="Dismiss"
            onClick={() => dismiss(t.id)}
            data-testid={TID.toastDismiss}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
