import { openDatabase, type Db } from './database';
import { EventsRepo } from './events-repo';
import { ExecutionsRepo } from './executions-repo';
import { ProjectsRepo } from './projects-repo';
import { QuestionsRepo } from './questions-repo';
import { SettingsRepo } from './settings-repo';
import { TasksRepo } from './tasks-repo';

/** The repositories over one database connection. */
export class Store {
  readonly projects: ProjectsRepo;
  readonly tasks: TasksRepo;
  readonly executions: ExecutionsRepo;
  readonly questions: QuestionsRepo;
  readonly events: EventsRepo;
  readonly settings: SettingsRepo;

  constructor(readonly db: Db) {
    this.projects = new ProjectsRepo(db);
    this.tasks = new TasksRepo(db);
    this.executions = new ExecutionsRepo(db);
    this.questions = new QuestionsRepo(db);
    this.events = new EventsRepo(db);
    this.settings = new SettingsRepo(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file));
  }

  /** Runs fn in one transaction: several repository writes land together or not at all. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
