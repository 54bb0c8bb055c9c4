export type DiffLineKind = 'add' | 'del' | 'hunk' | 'file' | 'meta' | 'context';

/** How a line of `git show` output is coloured. */
export function diffLineKind(line: string): DiffLineKind {
  if (line.startsWith('+++ ') || line.startsWith('--- ')) return 'file';
  if (line.startsWith('diff --git ')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (
    /^(commit [0-9a-f]{7,}|Author:|AuthorDate:|Commit:|CommitDate:|Date:|Merge:|index |new file mode|deleted file mode|old mode|new mode|similarity index|rename (from|to)|Binary files)/.test(
      line,
    )
  ) {
    return 'meta';
  }
  return 'context';
}
