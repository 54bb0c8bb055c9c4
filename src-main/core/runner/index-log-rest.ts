import fs from 'node:fs';
import type { Execution } from '../../../src-shared/domain';
import type { Store } from '../store';
import { FLOOD_BATCH_LINES, StdoutIngest } from './stdout-ingest';
import { StreamInterpreter } from './stream-signals';

const READ_BYTES = 1024 * 1024;

/**
 * Indexes what an execution's agent wrote to its stdout log after the last
 * indexed line. An agent writes straight into the file, so when Claudomator
 * died the file kept growing (or the last lines were still waiting for their
 * batch); this brings the transcript level with the file. Synchronous: it runs
 * once, at start-up, before the queue does. Returns the lines it added.
 */
export function indexLogRest(store: Store, execution: Execution): number {
  let fd: number;
  try {
    fd = fs.openSync(execution.stdoutPath, 'r');
  } catch {
    return 0; // never started, or the log is gone: nothing to add
  }
  try {
    const last = store.events.last(execution.id);
    // From the end of the last indexed line; its newline reads as an empty line.
    const start = last ? last.offset + last.length : 0;
    const ingest = new StdoutIngest(
      execution.id,
      new StreamInterpreter(),
      { index: (entries) => store.events.append(execution.id, entries) },
      { lastSeq: last?.seq ?? -1, startOffset: start, flushAtEntries: FLOOD_BATCH_LINES },
    );
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    let position = start;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, READ_BYTES, position);
      if (n === 0) break;
      position += n;
      ingest.push(buffer.subarray(0, n));
    }
    ingest.finish();
    return store.events.lastSeq(execution.id) - (last?.seq ?? -1);
  } finally {
    fs.closeSync(fd);
  }
}
