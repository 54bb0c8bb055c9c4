import type { Project } from '../../../src-shared/domain';
import { errorMessage } from '../../lib/error-message';
import { useProjects } from '../../stores/projects-store';
import { toast } from '../../stores/toasts-store';

/**
 * Adds each folder as a project, one message per folder: the project's name
 * when added, the API's own reason when not (a file, missing, already added).
 */
export async function addProjectPaths(paths: string[]): Promise<Project[]> {
  const added: Project[] = [];
  for (const path of paths) {
    try {
      const project = await useProjects.getState().add(path);
      added.push(project);
      toast.success(`Added project ${project.name}`);
    } catch (err) {
      toast.error(`Could not add ${path}: ${errorMessage(err)}`);
    }
  }
  return added;
}
