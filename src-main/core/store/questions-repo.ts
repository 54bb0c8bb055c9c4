import type { Question, QuestionRecord } from '../../../src-shared/domain';
import { statement, type Db } from './database';
import { nowIso } from './clock';

interface QuestionRow {
  id: number;
  task_id: string;
  execution_id: string;
  question_json: string;
  asked_at: string;
  answer: string | null;
  answered_at: string | null;
}

/** Every question an agent asked and the answer it got, kept after the task moves on. */
export class QuestionsRepo {
  constructor(private readonly db: Db) {}

  ask(taskId: string, executionId: string, q: Question): void {
    statement(
      this.db,
      'INSERT INTO questions (task_id, execution_id, question_json, asked_at) VALUES (?, ?, ?, ?)',
    ).run(taskId, executionId, JSON.stringify(q), nowIso());
  }

  /** Records the answer on the task's open question; false when none is open. */
  answer(taskId: string, answer: string): boolean {
    const r = statement(
      this.db,
      `UPDATE questions SET answer = ?, answered_at = ?
         WHERE id = (SELECT max(id) FROM questions WHERE task_id = ? AND answer IS NULL)`,
    ).run(answer, nowIso(), taskId);
    return r.changes > 0;
  }

  forTask(taskId: string): QuestionRecord[] {
    const rows = statement(this.db, 'SELECT * FROM questions WHERE task_id = ? ORDER BY id').all(
      taskId,
    ) as QuestionRow[];
    return rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      executionId: r.execution_id,
      question: JSON.parse(r.question_json) as Question,
      askedAt: r.asked_at,
      answer: r.answer,
      answeredAt: r.answered_at,
    }));
  }
}
