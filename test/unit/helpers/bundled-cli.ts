// The CLI as `npm run build` ships it, for tests that run it as a child
// process (stdout/stderr, exit codes, crashes and hangs are then the real
// ones): src/cli/bin.ts bundled with esbuild into a temp folder.
//
//   const bin = BundledCli.build();          // in before(); bin.cleanup() in after()
//   const r = bin.run(['validate'], dir, { SPRINTLOG_NOW: '…' });   // { code, signal, out, err }
//   sane(r, 'label');                         // not killed, no stack trace
//   noRawControl(r.out, 'label');             // nothing a terminal would act on
//   const dir = bin.copyCase('merge-keys');  // a copy of test/fixtures/hostile/<case>

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

export const ROOT = path.resolve(__dirname, '../../..');
export const CORPUS = path.join(ROOT, 'test/fixtures/hostile');
export const B = 'backlog/backlog.yaml';
export const S = 'backlog/sprints.yaml';
/** What a terminal would act on: C0 except LF, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const STACK = /\n\s+at .*:\d+:\d+|Error:|node:internal/;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export class BundledCli {
  private constructor(readonly tmp: string, readonly cli: string) {}

  static build(): BundledCli {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-hostile-'));
    const cli = path.join(tmp, 'cli.js');
    buildSync({ entryPoints: [path.join(ROOT, 'src/cli/bin.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    return new BundledCli(tmp, cli);
  }

  /** `sprintlog ARGS` in `cwd` with only PATH and `env` set; killed after 30 s (a hang shows as signal). */
  run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
    const r = spawnSync(process.execPath, [this.cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
  }

  copyCase(name: string, as = name): string {
    const dir = path.join(this.tmp, as);
    fs.cpSync(path.join(CORPUS, name), dir, { recursive: true });
    return dir;
  }

  cleanup(): void {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** A process that neither crashed nor hung, and printed no stack trace. */
export function sane(r: Run, label: string): void {
  assert.equal(r.signal, null, `${label}: killed (hung?) ${r.err}`);
  assert.ok(!STACK.test(r.err), `${label}: stack trace on stderr:\n${r.err}`);
}

export function noRawControl(text: string, label: string): void {
  const m = RAW_CONTROL.exec(text);
  assert.equal(m, null, `${label}: raw control character U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 30), (m?.index ?? 0) + 10))}`);
}

/** Every file under `dir` with its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}
