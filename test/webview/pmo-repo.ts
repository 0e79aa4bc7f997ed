// The demo repository (`sprintlog demo --today 2026-11-26`) with one more commit
// that puts text an attacker could write where the PMO tabs show it: an XSS
// title on an item in a dependency and on a critical path, an XSS retro action
// (quoted by an open-retro-actions warning), and a dependency on the blocked
// item PAY-49 (so the dependencies tab has a blocked chain). Made with the
// built CLI, as a user would; the expected figures come from the same CLI.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './harness';

export const DEMO_DAY = '2026-11-26';
export const XSS = '<img src=x onerror=alert(1)>';
const CLI = path.join(REPO, 'dist', 'cli.js');

export interface PmoRepo {
  dir: string;
  cli(...args: string[]): string;
  cleanup(): void;
}

function replaceOnce(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer has ${JSON.stringify(from)}: the demo changed`);
  fs.writeFileSync(file, text.replace(from, to));
}

export function pmoRepo(): PmoRepo {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-pmo-'));
  const dir = path.join(tmp, 'demo');
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  cli('demo', dir, '--today', DEMO_DAY);
  const backlog = path.join(dir, 'backlog', 'backlog.yaml');
  replaceOnce(backlog, 'title: SEPA mandate revocation', `title: '${XSS}'`);
  replaceOnce(backlog, '    title: Rotate webhook signing secrets without downtime\n', '    title: Rotate webhook signing secrets without downtime\n    depends_on: [PAY-49]\n');
  replaceOnce(path.join(dir, 'backlog', 'sprints.yaml'), 'text: Refinement session every second Wednesday', `text: '${XSS} every second Wednesday'`);
  // The day before the demo's "today", after its last commit: part of the history as of DEMO_DAY.
  const at = '2026-11-25T18:00:00+01:00';
  const env = { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Mallory', '-c', 'user.email=mallory@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env, stdio: 'ignore' });
  git('commit', '-qam', 'Titles from an untrusted contributor');
  return { dir, cli: (...args) => cli(...args, '--repo', dir), cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}
