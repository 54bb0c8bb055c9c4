export function ErrorNote({
  message,
  testId,
  onRetry,
}: {
  message: string | null | undefined;
  testId?: string;
  onRetry?: () => void;
}) {
  if (!message) return null;
  return (
    <div className="error-note" role="alert" data-testid={testId}>
      {message}
      {onRetry && (
        <>
          {' '}
          <button className="btn-link" onClick={onRetry}>
            Try again
          </button>
        </>
      )}
    </div>
  );
}
