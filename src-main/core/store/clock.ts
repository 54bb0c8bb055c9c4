/** ISO timestamps everywhere: sortable as text, readable in the database. */
export const nowIso = (): string => new Date().toISOString();
