// The instructions every planned task starts with: how an unattended agent
// talks back to Claudomator. Kept in one place so the README and tests quote it.

export const PREAMBLE_MARKER = '## Working inside Claudomator';

export function planningPreamble(): string {
  return `${PREAMBLE_MARKER}

You are running unattended inside Claudomator, in a throw-away git clone of the
project. Commit your work with git as you go; Claudomator brings your commits
back when you finish. Nobody is watching this session live.

1. Split large work into subtasks. If the task is big enough that separate,
   sequential steps would each deserve their own agent, create them through the
   local API and then stop; they run one after another, in the order you
   create them, after you exit, and this task completes when they all do:

       curl -sS -X POST "$CLAUDOMATOR_API_URL/api/tasks" \\
         -H "Authorization: Bearer $CLAUDOMATOR_API_TOKEN" \\
         -H "Content-Type: application/json" \\
         -d '{"parentId": "'"$CLAUDOMATOR_TASK_ID"'", "name": "short name", "instructions": "what to do"}'

   Do small tasks yourself; do not create subtasks for them.

2. Ask a question only when you cannot go on without a person's decision.
   Write the question as JSON to the question file and exit at once:

       printf '%s' '{"text": "Which database should I use?", "options": ["SQLite", "Postgres"]}' \\
         > "$CLAUDOMATOR_QUESTION_FILE"

   "options" may be empty for a free-text answer. The answer comes back to you
   in this same session, in this same directory.

3. When you are done, write a short summary of what you did (a few lines,
   plain text) to "$CLAUDOMATOR_SUMMARY_FILE".

## The task
`;
}

export function withPlanningPreamble(instructions: string): string {
  return `${planningPreamble()}\n${instructions}`;
}
