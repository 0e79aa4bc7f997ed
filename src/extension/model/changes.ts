// Change detection for the store: a file watcher per folder on its backlog files,
// plus a poll of their sizes and times, because watchers miss events (a watcher
// process restarting, network drives, a folder created after the watch began).
// The poll covers only folders that have or had a backlog: a folder that never
// had one relies on its watcher to see the file appear (a few stat calls per
// folder every POLL_MS add up in a workspace of many folders).
import * as vscode from 'vscode';
import { backlogFilesGlob } from '../../core/parse/backlog-files';
import type { FolderPaths } from './files';
import { listArchive } from './sources';

const POLL_MS = 2000;

interface Watched {
  folder: vscode.WorkspaceFolder;
  paths: FolderPaths;
  watcher: vscode.Disposable;
  /** Sizes and modification times of the backlog files when last read or polled. */
  signature?: string;
  /** Polled: it has (or once had) a backlog. */
  poll: boolean;
}

export class DiskChanges implements vscode.Disposable {
  private readonly watched = new Map<string, Watched>();
  private readonly timer: ReturnType<typeof setInterval>;
  private polling = false;

  /** `changed(key)` runs when a folder's backlog files changed on disk (watcher event or poll). */
  constructor(private readonly changed: (key: string) => void, private readonly log?: vscode.LogOutputChannel) {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  watch(key: string, folder: vscode.WorkspaceFolder, paths: FolderPaths): void {
    this.unwatch(key);
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, backlogFilesGlob(paths)));
    const poke = (): void => this.changed(key);
    w.onDidChange(poke);
    w.onDidCreate(poke);
    w.onDidDelete(poke);
    this.watched.set(key, { folder, paths, watcher: w, poll: false });
  }

  unwatch(key: string): void {
    this.watched.get(key)?.watcher.dispose();
    this.watched.delete(key);
  }

  /**
   * Records the files' signature before a read (taken before, so a change made while
   * reading still differs at the next poll), and whether the folder has a backlog.
   */
  async beforeRead(key: string): Promise<(hasBacklog: boolean) => void> {
    const w = this.watched.get(key);
    if (!w) return () => undefined;
    const signature = await diskSignature(w.folder, w.paths);
    return (hasBacklog) => {
      if (this.watched.get(key) !== w) return;
      w.signature = signature;
      w.poll ||= hasBacklog;
    };
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const [key, w] of this.watched) {
        if (!w.poll) continue;
        const signature = await diskSignature(w.folder, w.paths);
        if (this.watched.get(key) !== w) continue;
        if (signature !== w.signature) this.changed(key);
        w.signature = signature;
      }
    } catch (e) {
      this.log?.error('Sprintlog: polling the backlog files failed', e);
    } finally {
      this.polling = false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const key of [...this.watched.keys()]) this.unwatch(key);
  }
}

async function diskSignature(folder: vscode.WorkspaceFolder, paths: FolderPaths): Promise<string> {
  const names = [paths.backlogPath, paths.sprintsPath, ...(await listArchive(folder, paths))];
  const parts = await Promise.all(names.map(async (rel) => {
    try {
      const st = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, rel));
      return `${rel}:${st.size}:${st.mtime}`;
    } catch {
      return `${rel}:-`;
    }
  }));
  return parts.join('|');
}
