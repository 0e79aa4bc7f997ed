// Runner side of the Restricted Mode run (`run-integration.ts --untrusted`), done
// before code-server starts, so it is in place before the extension activates:
//
// 1. Arms the workspace repository the way a hostile clone could: `core.fsmonitor`
//    and `core.hooksPath` name scripts that append a line to a marker file. Any
//    index-reading git command (status, diff, add, commit, checkout) or any hook
//    (commit, checkout, branch creation via reference-transaction...) writes it.
// 2. Puts a `git` shim first on the server's PATH that appends a line to the same
//    marker before running the real git. The repository traps above do not fire
//    for `git log`, `rev-parse`, `config`, `cat-file` or `for-each-ref` (what the
//    history reader and `user.name` lookups run), so the shim is what proves that
//    no git process is started at all.
// 3. Checks both traps fire (one `git status` through the shim), then removes the
//    marker: the tests then assert it never comes back.
//
// The tests read the marker's path from $SPRINTLOG_GIT_MARKER.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface UntrustedSetup {
  /** Environment for code-server (inherited by the extension host). */
  env: Record<string, string>;
  /** User settings merged over the runner's defaults. */
  settings: Record<string, unknown>;
  /** VS Code server options for code-server. */
  vscodeOptions: string[];
  marker: string;
}

/** Hooks git can run from core.hooksPath (githooks(5)); the server-side ones never run here. */
const HOOKS = [
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'pre-commit', 'pre-merge-commit', 'prepare-commit-msg',
  'commit-msg', 'post-commit', 'pre-rebase', 'post-checkout', 'post-merge', 'pre-push', 'pre-auto-gc', 'post-rewrite',
  'reference-transaction', 'push-to-checkout', 'post-index-change', 'sendemail-validate',
];

/**
 * Settings that open the folder in Restricted Mode without the startup modal. `git.enabled: false`
 * keeps VS Code's own git extension out of the picture (it does not run in Restricted Mode anyway),
 * so a marker line can only come from Sprintlog, also in a trusted control run.
 */
const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.banner': 'never',
  'git.enabled': false,
};

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function script(file: string, body: string): void {
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

/** The git executable the shim runs: the first `git` on PATH. */
function realGit(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'git');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('git is not on PATH');
}

export function prepareUntrusted(runRoot: string, workspace: string): UntrustedSetup {
  const trapDir = path.join(runRoot, 'git-trap');
  const hooksDir = path.join(trapDir, 'hooks');
  const shimDir = path.join(trapDir, 'bin');
  const marker = path.join(runRoot, 'git-ran.log');
  fs.mkdirSync(hooksDir, { recursive: true });
  fs.mkdirSync(shimDir, { recursive: true });
  const append = (what: string) => `printf '%s\\n' "${what}" >> ${sh(marker)}`;

  // fsmonitor protocol: exiting non-zero makes git fall back to scanning, so git still works.
  const fsmonitor = path.join(trapDir, 'fsmonitor.sh');
  script(fsmonitor, `${append('core.fsmonitor ran (cwd $PWD)')}\nexit 1`);
  for (const hook of HOOKS) script(path.join(hooksDir, hook), `${append(`hook ${hook} ran (cwd $PWD)`)}\nexit 0`);
  const gitBin = realGit();
  script(path.join(shimDir, 'git'), `${append('git $* (cwd $PWD, parent $PPID)')}\nexec ${sh(gitBin)} "$@"`);

  // After the fixture commit (the runner's own git must not trip the traps), before the server starts.
  const git = (...args: string[]) => execFileSync(gitBin, args, { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  git('config', 'core.fsmonitor', fsmonitor);
  git('config', 'core.hooksPath', hooksDir);

  // The traps must be able to fire: an index-reading command and a ref update through the shim set off all three.
  const shim = (...args: string[]) => execFileSync(path.join(shimDir, 'git'), args, { cwd: workspace, stdio: 'ignore' });
  shim('status', '--porcelain');
  shim('branch', 'git-trap-check');
  shim('branch', '-D', 'git-trap-check');
  const seen = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '';
  for (const expected of [/^git status/m, /^core\.fsmonitor ran/m, /^hook reference-transaction ran/m]) {
    if (!expected.test(seen)) throw new Error(`git trap check: no line matching ${expected} after git status/branch in ${workspace}; marker:\n${seen || '(absent)'}`);
  }
  fs.rmSync(marker);

  return {
    env: { SPRINTLOG_GIT_MARKER: marker, PATH: `${shimDir}${path.delimiter}${process.env.PATH ?? ''}` },
    settings: RESTRICTED_SETTINGS,
    // The server otherwise takes the extension host's environment from a login shell, whose
    // profile rebuilds PATH without the shim (seen: the extension host resolved /usr/bin/git).
    vscodeOptions: ['force-disable-user-env'],
    marker,
  };
}
