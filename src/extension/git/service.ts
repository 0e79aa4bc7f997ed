// The door to git for the extension's commands (repository lookup, branches,
// auto-commit, reserved ids). Every method refuses in an untrusted (restricted)
// workspace before any process is started: a repository's own config can run
// programs (hooks, fsmonitor, core.pager...). The history service
// (history/service.ts) is the extension's other git user, off until the
// workspace is trusted; both start every git process through core/git-run.ts.
import * as vscode from 'vscode';
import { HistoryEngine } from '../../core/history';
import { idsEverUsed } from '../../core/history/used-ids';
import type { FolderBacklog } from '../model/types';
import { commitChanges, type FileChange } from './commit';
import * as repo from './repo';

export class UntrustedError extends Error {
  constructor() {
    super('Sprintlog does not run git in a restricted workspace. Trust the workspace to use it.');
  }
}

export class GitService {
  /** Repositories found, by folder root. Only found ones are kept: `git init` can come later. */
  private readonly roots = new Map<string, Promise<repo.RepoOf | undefined>>();

  /** `engine` reads the ids of the history: the composition root passes the history service's, whose memory the figures already filled. */
  constructor(readonly engine: HistoryEngine = new HistoryEngine()) {}

  get available(): boolean {
    return vscode.workspace.isTrusted;
  }

  private ensureTrusted(): void {
    if (!vscode.workspace.isTrusted) throw new UntrustedError();
  }

  /** The repository holding a folder (cached), or undefined when it is not in one. */
  async repoOf(fb: FolderBacklog): Promise<repo.RepoOf | undefined> {
    this.ensureTrusted();
    let r = this.roots.get(fb.root);
    if (!r) {
      r = repo.repoOf(fb.root);
      this.roots.set(fb.root, r);
      const forget = (): void => {
        if (this.roots.get(fb.root) === r) this.roots.delete(fb.root);
      };
      r.then((found) => found || forget(), forget);
    }
    return r;
  }

  /** Repo-relative path of a folder-relative one. */
  static inRepo(r: repo.RepoOf, rel: string): string {
    return r.prefix ? `${r.prefix}/${rel}` : rel;
  }

  /** Asked each time (one short git call per command): the refusal says "set it, then try again". */
  async userName(fb: FolderBacklog): Promise<string | undefined> {
    this.ensureTrusted();
    return repo.userName(fb.root);
  }

  async userEmail(fb: FolderBacklog): Promise<string | undefined> {
    this.ensureTrusted();
    return repo.userEmail(fb.root);
  }

  async authors(fb: FolderBacklog, files: string[]): Promise<string[]> {
    this.ensureTrusted();
    return repo.authorsOf(fb.root, files);
  }

  /** Ids a new item must not take: every id in the history of HEAD and on the other local branches. */
  async reservedIds(fb: FolderBacklog): Promise<Set<string>> {
    const r = await this.repoOf(fb);
    if (!r) return new Set();
    const [branches, history] = await Promise.all([
      repo.idsOnOtherBranches(r.root, GitService.inRepo(r, fb.workspace.backlogPath)),
      idsEverUsed(this.engine, fb.root, fb.workspace.backlogPath),
    ]);
    for (const id of history) branches.add(id);
    return branches;
  }

  async switchToBranch(fb: FolderBacklog, branch: string): Promise<repo.SwitchResult> {
    const r = await this.repoOf(fb);
    if (!r) throw new repo.GitRefusal(`${fb.folder.name} is not in a git repository, so there is no branch to start work on.`);
    return repo.switchToBranch(r.root, branch);
  }

  async branchExists(fb: FolderBacklog, branch: string): Promise<boolean> {
    const r = await this.repoOf(fb);
    return r !== undefined && repo.branchExists(r.root, branch);
  }

  async currentBranch(fb: FolderBacklog): Promise<string | undefined> {
    const r = await this.repoOf(fb);
    return r && repo.currentBranch(r.root);
  }

  /** Commits exactly Sprintlog's changes (folder-relative files, bytes before and after its save), nothing else of the user's. */
  async commitChanges(fb: FolderBacklog, changes: FileChange[], message: string): Promise<string | undefined> {
    const r = await this.repoOf(fb);
    if (!r) return undefined;
    return commitChanges(r.root, changes.map((c) => ({ ...c, file: GitService.inRepo(r, c.file) })), message);
  }
}
