// The demo's history, recorded in memory before anything touches git.
// Each ref (main and every feature branch) has its own RepoState; a change
// made on a branch is kept so the merge can replay it onto main. A branch
// changes only its own item's `state` and its own new code file, and main
// never changes those while the branch is open, so the replay is what
// `git merge --no-ff` gives (git merges almost all of them cleanly; a few
// touch adjacent lines of backlog.yaml and are resolved the same way).

import type { Instant } from './calendar';
import { renderFiles } from './render';
import { type Change, cloneState, type RepoState } from './state';

export interface Person {
  login: string;
  name: string;
  email: string;
}

export interface CommitRecord {
  ref: string;
  mark: number;
  /** First parent (absent for the root commit). */
  from?: number;
  /** Second parent of a merge. */
  merge?: number;
  author: Person;
  at: Instant;
  message: string;
  /** Files whose text differs from the first parent's; null = deleted. */
  changes: [string, string | null][];
}

interface RefState {
  state: RepoState;
  files: Map<string, string>;
  tip?: number;
  /** Changes made on this branch since it forked (replayed by the merge). */
  ops: Change[];
}

export class Recorder {
  readonly commits: CommitRecord[] = [];
  /** Main plus every open branch's changes: what the team "knows" right now. The story decides from this. */
  readonly logical: RepoState;
  private readonly refs = new Map<string, RefState>();
  private readonly merged: string[] = [];

  constructor(initial: RepoState) {
    this.logical = cloneState(initial);
    this.refs.set('main', { state: cloneState(initial), files: new Map(), ops: [] });
  }

  /** Record a commit on `ref` ('main' or an open branch) made by `author` at `at`. */
  commit(ref: string, author: Person, at: Instant, message: string, change: Change): number {
    const r = this.ref(ref);
    change(r.state);
    change(this.logical);
    if (ref !== 'main') r.ops.push(change);
    return this.write(ref, r, { author, at, message, from: r.tip });
  }

  /** Start `name` from main's current tip. */
  branch(name: string): void {
    if (this.refs.has(name)) throw new Error(`demo: branch ${name} exists`);
    const main = this.ref('main');
    this.refs.set(name, { state: cloneState(main.state), files: new Map(main.files), tip: main.tip, ops: [] });
  }

  /** `git merge --no-ff name` into main: main's content plus the branch's changes, two parents. */
  merge(name: string, author: Person, at: Instant): number {
    const b = this.ref(name);
    const main = this.ref('main');
    for (const op of b.ops) op(main.state);
    this.refs.delete(name);
    this.merged.push(name);
    return this.write('main', main, { author, at, message: `Merge branch '${name}'`, from: main.tip, merge: b.tip });
  }

  /** Branches merged (and so deleted, as a team would after merging). */
  mergedBranches(): string[] {
    return [...this.merged];
  }

  openBranches(): string[] {
    return [...this.refs.keys()].filter((n) => n !== 'main');
  }

  private ref(name: string): RefState {
    const r = this.refs.get(name);
    if (!r) throw new Error(`demo: no branch ${name}`);
    return r;
  }

  private write(ref: string, r: RefState, meta: Pick<CommitRecord, 'author' | 'at' | 'message' | 'from' | 'merge'>): number {
    const files = renderFiles(r.state);
    const changes: [string, string | null][] = [];
    for (const [path, text] of files) if (r.files.get(path) !== text) changes.push([path, text]);
    for (const path of r.files.keys()) if (!files.has(path)) changes.push([path, null]);
    const last = this.commits[this.commits.length - 1];
    if (last && (meta.at.seconds < last.at.seconds)) throw new Error(`demo: commit '${meta.message}' is older than the one before it`);
    const mark = this.commits.length + 1;
    this.commits.push({ ref: ref === 'main' ? 'main' : ref, mark, ...meta, changes });
    r.files = files;
    r.tip = mark;
    return mark;
  }
}
