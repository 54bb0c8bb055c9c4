import { LongText } from './Expandable';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function json(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A tool call's input in the form most readable for that tool. */
export function ToolInput({ name, input }: { name: string; input: unknown }) {
  const o: Obj = typeof input === 'object' && input !== null ? (input as Obj) : {};
  const file = str(o.file_path) ?? str(o.notebook_path) ?? str(o.path);

  if (name === 'Bash' && str(o.command) !== null) {
    return (
      <div className="tool-input">
        {str(o.description) && <div className="tool-desc">{str(o.description)}</div>}
        <LongText text={`$ ${str(o.command)}`} limit={3000} />
      </div>
    );
  }
  if ((name === 'Edit' || name === 'MultiEdit') && file) {
    const edits: Obj[] = Array.isArray(o.edits) ? (o.edits as Obj[]) : [o];
    return (
      <div className="tool-input">
        <div className="tool-file mono">{file}</div>
        {edits.map((e, i) => (
          <div key={i} className="tool-edit">
            {str(e.old_string) !== null && (
              <pre className="plain-text edit-old">{str(e.old_string)}</pre>
            )}
            {str(e.new_string) !== null && (
              <pre className="plain-text edit-new">{str(e.new_string)}</pre>
            )}
          </div>
        ))}
      </div>
    );
  }
  if (name === 'Write' && file) {
    return (
      <div className="tool-input">
        <div className="tool-file mono">{file}</div>
        {str(o.content) !== null && <LongText text={str(o.content)!} limit={1500} />}
      </div>
    );
  }
  if ((name === 'Read' || name === 'NotebookRead') && file) {
    return <div className="tool-file mono">{file}</div>;
  }
  if ((name === 'Grep' || name === 'Glob') && str(o.pattern) !== null) {
    return (
      <div className="tool-file mono">
        {str(o.pattern)}
        {str(o.path) ? <span className="subtle"> in {str(o.path)}</span> : null}
      </div>
    );
  }
  if (name === 'TodoWrite' && Array.isArray(o.todos)) {
    return (
      <ul className="tool-todos">
        {(o.todos as Obj[]).map((t, i) => (
          <li key={i} data-status={str(t.status) ?? ''}>
            {t.status === 'completed' ? '☑' : t.status === 'in_progress' ? '◐' : '☐'}{' '}
            {str(t.content) ?? json(t)}
          </li>
        ))}
      </ul>
    );
  }
  if (input === undefined || (typeof input === 'object' && Object.keys(o).length === 0)) {
    return null;
  }
  return (
    <div className="tool-input">
      <LongText text={json(input)} limit={3000} />
    </div>
  );
}
