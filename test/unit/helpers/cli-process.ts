/**
 * The `sprintlog` command as a real process: src/cli/bin.ts bundled once per
 * test run with esbuild (as `npm run build` does) into a temp folder, then run
 * with node. For tests that need several processes at once, another user
 * (`uid`), or the real exit and output streams.
 *
 *   const cli = await cliBundle();                   // path of the bundled cli.js
 *   const r = await runCli(cli, ['set', 'A-1', 'points=3'], { cwd: dir });  // { code, out, err }
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-cli-bundle-'));
    // Readable by every user: tests run it as another one to meet real permission checks.
    fs.chmodSync(dir, 0o755);
    const outfile = path.join(dir, 'cli.js');
    await build({ entryPoints: [path.join(__dirname, '..', '..', '..', 'src', 'cli', 'bin.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    fs.chmodSync(outfile, 0o644);
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return outfile;
  })();
  return bundled;
}

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export function runCli(cli: string, args: string[], opts: { cwd: string; uid?: number; gid?: number; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [cli, ...args], { cwd: opts.cwd, uid: opts.uid, gid: opts.gid, env: opts.env ?? { PATH: process.env.PATH, HOME: os.tmpdir() } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}
