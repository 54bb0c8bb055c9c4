// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../../../src-shared/contract';
import { TID } from '../../testids';
import { makeProject } from '../../test-support/fixtures';
import { FakeApiError } from '../../test-support/fake-api';
import { setupFakeApi } from '../../test-support/setup';
import { useProjects } from '../../stores/projects-store';
import { useToasts } from '../../stores/toasts-store';
import { AddProjectForm } from './AddProjectForm';
import { DropOverlay } from './DropOverlay';
import { BROWSER_DROP_MESSAGE } from './use-folder-drop';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function dropFiles(files: File[]) {
  const dataTransfer = { files, types: ['Files'], dropEffect: 'none' };
  fireEvent.dragEnter(window, { dataTransfer });
  return () => fireEvent.drop(window, { dataTransfer });
}

const toasts = () => useToasts.getState().toasts.map((t) => `${t.kind}: ${t.message}`);

describe('dropping folders, desktop mode', () => {
  const paths: Record<string, string> = {
    alpha: '/home/me/alpha',
    beta: '/home/me/beta',
    notes: '/home/me/notes.txt',
  };
  const desktop: DesktopBridge = {
    pathForFile: vi.fn((f: File) => paths[f.name] ?? ''),
    pickFolders: vi.fn(async () => ['/home/me/picked']),
    reveal: vi.fn(async () => undefined),
  };
  const fake = setupFakeApi({ desktop });

  it('adds each dropped folder through its path, with a message per folder', async () => {
    fake.current.handle('projects.add', ({ path }) => {
      if (path.endsWith('.txt'))
        throw new FakeApiError('invalid_request', `${path} is a file, not a folder`);
      if (path.endsWith('beta'))
        throw new FakeApiError('conflict', `project ${path} was already added`);
      return makeProject({ id: path, name: path.split('/').pop()!, path });
    });
    render(<DropOverlay />);
    const drop = dropFiles([new File([], 'alpha'), new File([], 'beta'), new File([], 'notes')]);
    expect(screen.getByTestId(TID.dropOverlay)).toBeTruthy();
    await act(async () => {
      drop();
      await flush();
    });
    expect(screen.queryByTestId(TID.dropOverlay)).toBeNull();
    expect(fake.current.calls('projects.add')).toEqual([
      { path: '/home/me/alpha' },
      { path: '/home/me/beta' },
      { path: '/home/me/notes.txt' },
    ]);
    expect(useProjects.getState().projects.map((p) => p.name)).toEqual(['alpha']);
    expect(toasts()).toEqual([
      'success: Added project alpha',
      'error: Could not add /home/me/beta: project /home/me/beta was already added',
      'error: Could not add /home/me/notes.txt: /home/me/notes.txt is a file, not a folder',
    ]);
  });

  it('a file the shell cannot place gets a message, no request', async () => {
    render(<DropOverlay />);
    const drop = dropFiles([new File([], 'from-the-web')]);
    await act(async () => {
      drop();
      await flush();
    });
    expect(fake.current.calls('projects.add')).toEqual([]);
    expect(toasts()[0]).toContain('Could not tell where "from-the-web" is');
  });

  it('Add folder opens the folder picker', async () => {
    fake.current.handle('projects.add', ({ path }) => makeProject({ path, name: 'picked' }));
    render(<AddProjectForm />);
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.addProjectPick));
      await flush();
    });
    expect(desktop.pickFolders).toHaveBeenCalled();
    expect(fake.current.calls('projects.add')).toEqual([{ path: '/home/me/picked' }]);
  });
});

describe('dropping folders, browser mode', () => {
  const fake = setupFakeApi();

  it('explains that a browser cannot tell paths and offers the path field', async () => {
    render(
      <>
        <DropOverlay />
        <AddProjectForm />
      </>,
    );
    expect(screen.queryByTestId(TID.addProjectPick)).toBeNull();
    const drop = dropFiles([new File([], 'alpha')]);
    expect(screen.getByTestId(TID.dropOverlay).textContent).toContain('type it');
    await act(async () => {
      drop();
      await flush();
    });
    expect(fake.current.calls('projects.add')).toEqual([]);
    expect(toasts()).toEqual([`info: ${BROWSER_DROP_MESSAGE}`]);
    expect(document.activeElement).toBe(screen.getByTestId(TID.addProjectInput));
  });

  it('adds a typed path, and shows the API error for a missing folder', async () => {
    fake.current.handle('projects.add', ({ path }) => {
      if (path === '/missing')
        throw new FakeApiError('invalid_request', 'folder /missing does not exist');
      return makeProject({ path, name: 'proj' });
    });
    render(<AddProjectForm />);
    const input = screen.getByTestId(TID.addProjectInput) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '/missing' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.addProjectButton));
      await flush();
    });
    expect(toasts()).toEqual(['error: Could not add /missing: folder /missing does not exist']);
    expect(input.value).toBe('/missing');
    fireEvent.change(input, { target: { value: ' /work/proj ' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId(TID.addProjectButton));
      await flush();
    });
    expect(fake.current.calls('projects.add').at(-1)).toEqual({ path: '/work/proj' });
    expect(input.value).toBe('');
  });
});
