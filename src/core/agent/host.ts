// What the tools need from where they run: the CLI's MCP server (files on disk,
// written under the lock) or the VS Code extension (editor buffers, written
// through a WorkspaceEdit). The tools themselves are the same code for both.

import type { EditOp } from '../edit';
import type { History } from '../history';
import type { MetricsReport } from '../metrics';
import type { Workspace } from '../model';

export interface AgentHost {
  /** The backlog files as they are now (in VS Code: the editor buffers). */
  workspace(): Promise<Workspace>;
  /** The metrics document exactly as `sprintlog metrics --json` computes it now, and the history it came from. */
  metrics(): Promise<{ report: MetricsReport; history: History }>;
  /**
   * Plan the ops on the current files and write them; absent when the host
   * may not write (read-only server, untrusted workspace). Refuses (throws)
   * while a file does not parse or when the result has new validation errors.
   */
  write?(opsOf: (ws: Workspace) => EditOp[], opts: { reserveHistoryIds: boolean }): Promise<Written>;
}

export interface Written {
  /** Repo-relative files written (empty: nothing needed changing). */
  files: string[];
  /** planDiff of what was written. */
  diff: string[];
  /** Ids of items the write created. */
  newIds: string[];
}
