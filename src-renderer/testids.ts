/**
 * Stable `data-testid` values for end-to-end tests. Change one only together
 * with the specs that use it.
 *
 * Layout and global
 *   app                       the whole window
 *   no-token-screen           browser mode without a token: "open the address serve printed"
 *   connection-banner         shown while the WebSocket is down or the token was refused
 *                             (data-state = closed | connecting | unauthorized)
 *   toast                     one non-blocking message (data-kind = error | info | success)
 *   toast-dismiss             its close button
 *   drop-overlay              shown while something is dragged over the window
 *
 * Projects (sidebar)
 *   project-all               the "All projects" item (data-selected)
 *   project-item              one project (data-project-id, data-selected)
 *   project-remove            remove button inside a project item
 *   add-project-input         typed folder path
 *   add-project-button        adds the typed path
 *   add-project-pick          desktop only: opens the folder picker
 *
 * Task list
 *   task-list                 the scrolling list (data-total = total matching tasks)
 *   task-row                  one task (data-task-id, data-state, data-index, aria-selected)
 *   task-row-placeholder      a row whose page is still loading
 *   state-badge               a task's state (data-state); used in rows and in the detail
 *   filter-state              state filter <select>
 *   search-input              text search
 *   filter-clear              clears state filter and search
 *   task-list-empty           empty state of the list
 *   new-task-button           opens the new task form
 *
 * New task form
 *   new-task-form             the form (dialog)
 *   new-task-project          project <select>
 *   new-task-name             optional name
 *   new-task-instructions     instructions textarea
 *   new-task-model            model
 *   new-task-permission-mode  permission mode <select>
 *   new-task-budget           max budget in USD
 *   new-task-timeout          timeout in minutes
 *   new-task-allowed-tools    allowed tools (comma or newline separated)
 *   new-task-disallowed-tools disallowed tools
 *   new-task-skip-planning    skip planning checkbox
 *   new-task-context-dirs     context dirs, one per line
 *   new-task-priority         priority
 *   new-task-system-prompt    text appended to the system prompt
 *   new-task-submit           submit (Ctrl/Cmd+Enter does the same)
 *   new-task-cancel           close without creating
 *   new-task-error            the server's error, inline
 *   field-error               inline validation message (data-field = the field's name)
 *
 * Task detail
 *   task-detail               the detail pane (data-task-id, data-state)
 *   task-detail-empty         nothing selected
 *   task-title                the task's name
 *   task-error                the task's error text
 *   task-question             the pending question (blocked tasks)
 *   tab-transcript / tab-stdout / tab-stderr / tab-commits / tab-executions / tab-overview
 *   execution-select          which execution the transcript and logs show
 *   transcript                transcript scroller (data-execution-id, data-count)
 *   transcript-event          one event (data-type, data-seq)
 *   transcript-placeholder    an event still loading
 *   transcript-oversize-load  loads the beginning of an event too large to ship inline
 *   tool-result-toggle        expands / collapses a tool result
 *   jump-to-live              shown when not following the tail: scrolls back to live
 *   log-view                  raw stdout / stderr lines (data-stream)
 *   log-load-earlier          loads the part of a long log before what is shown
 *   commits-list              commits of all executions
 *   commit-item               one commit (data-hash)
 *   diff-view                 the selected commit's diff (data-hash)
 *   executions-list           executions history
 *   execution-item            one execution (data-execution-id, data-state)
 *   task-summary / subtasks-list / subtask-item (data-task-id, data-state) / history-list / history-item
 *   action-cancel / action-retry / action-answer / action-delete / action-merge
 *   action-copy-session / action-reveal-sandbox
 *   confirm-dialog            confirmation (delete)
 *   confirm-ok / confirm-cancel
 *
 * Blocked modal
 *   blocked-modal             data-task-id; data-queue = how many questions wait in all
 *   blocked-question          the question text
 *   blocked-option            one option button
 *   blocked-answer-input      free-text answer
 *   blocked-submit            sends the free-text answer
 *   blocked-dismiss           leaves the task BLOCKED and shows the next question
 *   blocked-error             the server's error
 *
 * Status bar
 *   status-bar
 *   status-running / status-queued / status-blocked (data-count on each)
 *   status-rate-limit         countdown to the next rate-limit retry
 *   status-paused             the queue is paused for quota until a reset time
 *
 * Settings
 *   settings-button           opens settings
 *   settings-dialog
 *   settings-claude-bin / settings-check-claude / settings-check-result (data-ok)
 *   settings-max-concurrency / settings-default-model / settings-default-permission-mode
 *   settings-default-timeout (minutes) / settings-quota-pause (minutes)
 *   settings-notify-complete / settings-notify-fail
 *   settings-data-dir / settings-version
 *   settings-save / settings-cancel / settings-error
 */
export const TID = {
  app: 'app',
  noTokenScreen: 'no-token-screen',
  connectionBanner: 'connection-banner',
  toast: 'toast',
  toastDismiss: 'toast-dismiss',
  dropOverlay: 'drop-overlay',

  projectAll: 'project-all',
  projectItem: 'project-item',
  projectRemove: 'project-remove',
  addProjectInput: 'add-project-input',
  addProjectButton: 'add-project-button',
  addProjectPick: 'add-project-pick',

  taskList: 'task-list',
  taskRow: 'task-row',
  taskRowPlaceholder: 'task-row-placeholder',
  stateBadge: 'state-badge',
  filterState: 'filter-state',
  searchInput: 'search-input',
  filterClear: 'filter-clear',
  taskListEmpty: 'task-list-empty',
  newTaskButton: 'new-task-button',

  newTaskForm: 'new-task-form',
  newTaskProject: 'new-task-project',
  newTaskName: 'new-task-name',
  newTaskInstructions: 'new-task-instructions',
  newTaskModel: 'new-task-model',
  newTaskPermissionMode: 'new-task-permission-mode',
  newTaskBudget: 'new-task-budget',
  newTaskTimeout: 'new-task-timeout',
  newTaskAllowedTools: 'new-task-allowed-tools',
  newTaskDisallowedTools: 'new-task-disallowed-tools',
  newTaskSkipPlanning: 'new-task-skip-planning',
  newTaskContextDirs: 'new-task-context-dirs',
  newTaskPriority: 'new-task-priority',
  newTaskSystemPrompt: 'new-task-system-prompt',
  newTaskSubmit: 'new-task-submit',
  newTaskCancel: 'new-task-cancel',
  newTaskError: 'new-task-error',
  fieldError: 'field-error',

  taskDetail: 'task-detail',
  taskDetailEmpty: 'task-detail-empty',
  taskTitle: 'task-title',
  taskError: 'task-error',
  taskQuestion: 'task-question',
  tabTranscript: 'tab-transcript',
  tabStdout: 'tab-stdout',
  tabStderr: 'tab-stderr',
  tabCommits: 'tab-commits',
  tabExecutions: 'tab-executions',
  tabOverview: 'tab-overview',
  tabTerminal: 'tab-terminal',
  terminalPanel: 'terminal-panel',
  terminalTab: 'terminal-tab',
  terminalView: 'terminal-view',
  terminalNewShell: 'terminal-new-shell',
  terminalTakeOver: 'terminal-take-over',
  terminalClose: 'terminal-close',
  terminalEnded: 'terminal-ended',
  terminalLand: 'terminal-land',
  terminalRequeue: 'terminal-requeue',
  terminalLeave: 'terminal-leave',
  takeOverButton: 'take-over-button',
  executionSelect: 'execution-select',
  transcript: 'transcript',
  transcriptEvent: 'transcript-event',
  transcriptPlaceholder: 'transcript-placeholder',
  transcriptOversizeLoad: 'transcript-oversize-load',
  toolResultToggle: 'tool-result-toggle',
  jumpToLive: 'jump-to-live',
  logView: 'log-view',
  logLoadEarlier: 'log-load-earlier',
  commitsList: 'commits-list',
  commitItem: 'commit-item',
  diffView: 'diff-view',
  executionsList: 'executions-list',
  executionItem: 'execution-item',
  taskSummary: 'task-summary',
  subtasksList: 'subtasks-list',
  subtaskItem: 'subtask-item',
  historyList: 'history-list',
  historyItem: 'history-item',
  actionCancel: 'action-cancel',
  actionRetry: 'action-retry',
  actionAnswer: 'action-answer',
  actionDelete: 'action-delete',
  actionMerge: 'action-merge',
  actionCopySession: 'action-copy-session',
  actionRevealSandbox: 'action-reveal-sandbox',
  confirmDialog: 'confirm-dialog',
  confirmOk: 'confirm-ok',
  confirmCancel: 'confirm-cancel',

  blockedModal: 'blocked-modal',
  blockedQuestion: 'blocked-question',
  blockedOption: 'blocked-option',
  blockedAnswerInput: 'blocked-answer-input',
  blockedSubmit: 'blocked-submit',
  blockedDismiss: 'blocked-dismiss',
  blockedError: 'blocked-error',

  statusBar: 'status-bar',
  statusRunning: 'status-running',
  statusQueued: 'status-queued',
  statusBlocked: 'status-blocked',
  statusRateLimit: 'status-rate-limit',
  statusPaused: 'status-paused',

  settingsButton: 'settings-button',
  settingsDialog: 'settings-dialog',
  settingsClaudeBin: 'settings-claude-bin',
  settingsCheckClaude: 'settings-check-claude',
  settingsCheckResult: 'settings-check-result',
  settingsMaxConcurrency: 'settings-max-concurrency',
  settingsDefaultModel: 'settings-default-model',
  settingsDefaultPermissionMode: 'settings-default-permission-mode',
  settingsDefaultTimeout: 'settings-default-timeout',
  settingsQuotaPause: 'settings-quota-pause',
  settingsNotifyComplete: 'settings-notify-complete',
  settingsNotifyFail: 'settings-notify-fail',
  settingsDataDir: 'settings-data-dir',
  settingsVersion: 'settings-version',
  settingsSave: 'settings-save',
  settingsCancel: 'settings-cancel',
  settingsError: 'settings-error',
} as const;

export type TestId = (typeof TID)[keyof typeof TID];
