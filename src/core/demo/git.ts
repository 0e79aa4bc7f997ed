// Writing the recorded history into a real repository with one
// `git fast-import` run: every commit carries its own author and committer
// identity and time (with the Berlin offset of that day), so the hashes
// depend on nothing but the story. No user or system git config is read.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CommitRecord } from './recorder';

/** An environment that makes git ignore the machine's config (signing, hooks, autocrlf, default branch ...). */
function cleanEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, 'gitconfig'),
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
  for (const key of ['PATH', 'Path', 'SYSTEMROOT', 'SystemRoot', 'TEMP', 'TMP', 'TMPDIR']) if (process.env[key] !== undefined) env[key] = process.env[key];
  return env;
}

const CONFIG = ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'init.defaultBranch=main', '-c', 'core.autocrlf=false', '-c', 'core.hooksPath=/dev/null'];

export class Git {
  private readonly home: string;

  constructor(readonly dir: string) {
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-demo-home-'));
  }

  run(args: string[], input?: string | Buffer): string {
    try {
      return execFileSync('git', [...CONFIG, ...args], {
        cwd: this.dir, env: cleanEnv(this.home), input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: string };
      if (err.code === 'ENOENT') throw new Error('git is not installed or not on PATH; the demo needs it to write the history.', { cause: e });
      throw new Error(`git ${args[0]} failed: ${(err.stderr || err.message).trim()}`, { cause: e });
    }
  }

  dispose(): void {
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}

function data(text: string): Buffer[] {
  const body = Buffer.from(text, 'utf8');
  return [Buffer.from(`data ${body.length}\n`), body, Buffer.from('\n')];
}

/** The `git fast-import` stream for the recorded commits (raw dates: seconds and offset). */
export function fastImportStream(commits: CommitRecord[]): Buffer {
  const parts: Buffer[] = [];
  const line = (s: string) => parts.push(Buffer.from(s + '\n', 'utf8'));
  for (const c of commits) {
    const who = `${c.author.name} <${c.author.email}> ${c.at.seconds} ${c.at.offset}`;
    line(`commit refs/heads/${c.ref}`);
    line(`mark :${c.mark}`);
    line(`author ${who}`);
    line(`committer ${who}`);
    parts.push(...data(c.message.endsWith('\n') ? c.message : c.message + '\n'));
    if (c.from !== undefined) line(`from :${c.from}`);
    if (c.merge !== undefined) line(`merge :${c.merge}`);
    for (const [file, text] of c.changes) {
      if (text === null) line(`D ${file}`);
      else {
        line(`M 100644 inline ${file}`);
        parts.push(...data(text));
      }
    }
    line('');
  }
  line('done');
  return Buffer.concat(parts);
}

/** Create the repository in `dir` (already created and empty), import the history, check out main. */
export function writeRepository(dir: string, commits: CommitRecord[], mergedBranches: string[]): string {
  const git = new Git(dir);
  try {
    // `init` then `symbolic-ref` rather than `init -b`, which git before 2.28 lacks.
    git.run(['init', '-q']);
    git.run(['symbolic-ref', 'HEAD', 'refs/heads/main']);
    git.run(['fast-import', '--quiet', '--done', '--date-format=raw'], fastImportStream(commits));
    if (mergedBranches.length > 0) git.run(['update-ref', '--stdin'], mergedBranches.map((b) => `delete refs/heads/${b}\n`).join(''));
    git.run(['reset', '-q', '--hard', 'main']);
    const dirty = git.run(['status', '--porcelain']);
    if (dirty.trim() !== '') throw new Error(`demo: working tree not clean after checkout:\n${dirty}`);
    return git.run(['rev-parse', 'HEAD']).trim();
  } finally {
    git.dispose();
  }
}
