// A per-run folder holding everything one run writes (workspace copy, VS Code
// state, XDG dirs, TMPDIR, browser profile, logs), and the fixture workspace
// turned into a real git repository there ("start work" creates branches).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_WORKSPACE } from './paths';

export interface RunDir {
  root: string;
  workspace: string;
  userData: string;
  extensions: string;
  browserProfile: string;
  tmp: string;
  xdg: { config: string; data: string; cache: string };
  serverLog: string;
  /** Where test/integration/index.ts writes mocha's report (SPRINTLOG_TEST_REPORT). */
  report: string;
}

export function createRunDir(label: string): RunDir {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `sprintlog-${label}-`));
  const dir = (name: string) => {
    const p = path.join(root, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  return {
    root,
    workspace: path.join(root, 'workspace'),
    userData: dir('state/user-data'),
    extensions: dir('state/extensions'),
    browserProfile: dir('state/browser'),
    tmp: dir('tmp'),
    xdg: { config: dir('xdg/config'), data: dir('xdg/data'), cache: dir('xdg/cache') },
    serverLog: path.join(root, 'server.log'),
    report: path.join(root, 'mocha-report.txt'),
  };
}

/** Identity and dates for the fixture commit, fixed so its hash and history dates are the same every run. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Sprintlog Tests',
  GIT_AUTHOR_EMAIL: 'tests@sprintlog.invalid',
  GIT_COMMITTER_NAME: 'Sprintlog Tests',
  GIT_COMMITTER_EMAIL: 'tests@sprintlog.invalid',
  GIT_AUTHOR_DATE: '2026-11-16T09:00:00+01:00',
  GIT_COMMITTER_DATE: '2026-11-16T09:00:00+01:00',
};

/**
 * Copies the fixture to `target` and makes it a git repository: one commit on
 * `main`, tagged `fixture` (test/integration/util.ts `resetWorkspace()` returns to it).
 */
export function prepareWorkspace(target: string, fixture = FIXTURE_WORKSPACE): string {
  fs.cpSync(fixture, target, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: target, env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  // Local identity so commits made by the extension under test work on any machine.
  git('config', 'user.name', GIT_ENV.GIT_AUTHOR_NAME);
  git('config', 'user.email', GIT_ENV.GIT_AUTHOR_EMAIL);
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'Backlog for the payments team');
  git('tag', 'fixture');
  return target;
}

export function removeRunDir(run: RunDir): void {
  fs.rmSync(run.root, { recursive: true, force: true });
}
