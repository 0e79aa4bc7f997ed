// Writing a cache file so that a reader never sees half of it: the text goes to a
// temporary file beside it, renamed over it. One owner for the history cache, the
// chunk store and the metrics document cache. The temporary name is unique per
// process, thread and call, so concurrent writers (worker threads too) never share one.

import * as fs from 'node:fs';
import { threadId } from 'node:worker_threads';

let calls = 0;

export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.${threadId}.${++calls}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
