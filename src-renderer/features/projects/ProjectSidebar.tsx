import { useState } from 'react';
import type { Project } from '../../../src-shared/domain';
import { errorMessage } from '../../lib/error-message';
import { TID } from '../../testids';
import { useProjects } from '../../stores/projects-store';
import { useTasks } from '../../stores/tasks-store';
import { toast } from '../../stores/toasts-store';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorNote } from '../common/ErrorNote';
import { AddProjectForm } from './AddProjectForm';
import './projects.css';

export function ProjectSidebar() {
  const projects = useProjects((s) => s.projects);
  const loaded = useProjects((s) => s.loaded);
  const error = useProjects((s) => s.error);
  const load = useProjects((s) => s.load);
  const remove = useProjects((s) => s.remove);
  const selected = useTasks((s) => s.query.projectId);
  const setQuery = useTasks((s) => s.setQuery);
  const [removing, setRemoving] = useState<Project | null>(null);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const confirmRemove = async (): Promise<void> => {
    if (!removing) return;
    setBusy(true);
    try {
      await remove(removing.id);
      if (selected === removing.id) setQuery({ projectId: null });
      toast.success(`Removed project ${removing.name}`);
      setRemoving(null);
      setRemoveError(null);
    } catch (err) {
      setRemoveError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <nav className="sidebar" aria-label="Projects">
      <header className="sidebar-header">Projects</header>
      <ul className="project-list">
        <li>
          <button
            className={`project-item${selected === null ? ' is-selected' : ''}`}
            onClick={() => setQuery({ projectId: null })}
            data-testid={TID.projectAll}
            data-selected={selected === null}
          >
            <span className="project-name">All projects</span>
          </button>
        </li>
        {projects.map((p) => (
          <li key={p.id} className="project-li">
            <button
              className={`project-item${selected === p.id ? ' is-selected' : ''}`}
              onClick={() => setQuery({ projectId: p.id })}
              title={p.path}
              data-testid={TID.projectItem}
              data-project-id={p.id}
              data-selected={selected === p.id}
            >
              <span className="project-name">{p.name}</span>
              {/* rtl puts the ellipsis at the start; the marks keep the path's own order */}
              <span className="project-path">{`\u200E${p.path}\u200E`}</span>
            </button>
            <button
              className="project-remove"
              aria-label={`Remove project ${p.name}`}
              title="Remove project"
              onClick={() => {
                setRemoveError(null);
                setRemoving(p);
              }}
              data-testid={TID.projectRemove}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      {loaded && !error && projects.length === 0 && (
        <p className="sidebar-empty muted">
          No projects yet. Drop a project folder anywhere on this window, or add its path below.
        </p>
      )}
      {error && (
        <div className="sidebar-error">
          <ErrorNote message={`Could not load projects: ${error}`} onRetry={() => void load()} />
        </div>
      )}
      <div className="sidebar-spacer" />
      <AddProjectForm />
      {removing && (
        <ConfirmDialog
          title="Remove project?"
          confirmLabel="Remove"
          danger
          busy={busy}
          error={removeError}
          onConfirm={() => void confirmRemove()}
          onCancel={() => setRemoving(null)}
        >
          <p>
            Claudomator forgets <strong>{removing.name}</strong> ({removing.path}). The folder
            itself is not touched. A project with tasks cannot be removed.
          </p>
        </ConfirmDialog>
      )}
    </nav>
  );
}
