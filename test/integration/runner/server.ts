// Starts code-server (VS Code's workbench + extension host over HTTP) for one
// run, isolated in the run folder, and stops it with its whole process group.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { installation } from './paths';
import type { RunDir } from './workspace';

export interface Server {
  /** `127.0.0.1:PORT`: the authority of the http:// and vscode-remote:// URIs. */
  host: string;
  url: string;
  pid: number;
  /** Kills the process group (extension host, pty host and watchers included) and waits for the server to exit. */
  stop(): Promise<void>;
  /** The last lines of the server log (extension-host console output lands there). */
  logTail(lines?: number): string;
}

/** Settings that keep a test workbench quiet and deterministic (no welcome page, no network). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // No fades: screenshots show finished states, and steps need not wait for animations.
  'workbench.reduceMotion': 'on',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The environment of everything the run starts: per-run XDG dirs and TMPDIR, no VS Code variables of a parent session. */
export function isolatedEnv(run: RunDir, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  return {
    ...env,
    XDG_CONFIG_HOME: run.xdg.config,
    XDG_DATA_HOME: run.xdg.data,
    XDG_CACHE_HOME: run.xdg.cache,
    TMPDIR: run.tmp,
    ...extra,
  };
}

export interface ServerOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Keep VS Code's workspace trust on (no --disable-workspace-trust): the Restricted Mode run. */
  workspaceTrust?: boolean;
  /** User settings merged over USER_SETTINGS. */
  settings?: Record<string, unknown>;
  /** More VS Code server options, each passed as `--vscode-option NAME`. */
  vscodeOptions?: string[];
}

export async function startCodeServer(run: RunDir, opts: ServerOptions = {}): Promise<Server> {
  const { node, codeServerEntry } = installation();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const settingsDir = path.join(run.userData, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...opts.settings }, null, 2));

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const log = fs.openSync(run.serverLog, 'a');
  const args = [
    codeServerEntry, '--auth', 'none', '--bind-addr', host,
    '--disable-telemetry', '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--reconnection-grace-time', '5',
    // Makes the workbench honour the `payload` query (extensionDevelopmentPath, extensionTestsPath).
    '--vscode-option', 'enable-smoke-test-driver',
    ...(opts.vscodeOptions ?? []).flatMap((o) => ['--vscode-option', o]),
    '--extensions-dir', run.extensions, '--user-data-dir', run.userData,
    run.workspace,
  ];
  // `setsid` makes the server the leader of a new session and process group
  // (pgid = pid: not being a group leader here, setsid execs without forking),
  // so stop() can kill the extension host and other children with it (they
  // outlive a plain kill), and a Ctrl-C in the terminal does not reach it.
  const child = spawn('setsid', [node, ...args], {
    env: isolatedEnv(run, opts.env),
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start code-server (setsid failed to spawn)');
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const logTail = (lines = 40) => {
    const text = fs.existsSync(run.serverLog) ? fs.readFileSync(run.serverLog, 'utf8') : '';
    return text.split('\n').slice(-lines).join('\n');
  };
  const killGroup = (signal: NodeJS.Signals) => {
    try { process.kill(-pid, signal); } catch { /* already gone */ }
  };
  // Never leave a server behind, whatever way the runner ends: on exit, and on Ctrl-C or kill
  // (the server is in its own session, so the terminal's signal does not reach it). The signal
  // is raised again once no listener of ours is left, so the process still ends as it would have.
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup('SIGKILL');
    removeListeners();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const removeListeners = () => {
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.once('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const stop = async () => {
    removeListeners();
    killGroup('SIGTERM');
    const done = await Promise.race([exit.then(() => true), delay(5000).then(() => false)]);
    // The group may still hold children after the leader left; take them too.
    killGroup('SIGKILL');
    if (!done) await Promise.race([exit, delay(2000)]);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited during startup. Log ${run.serverLog}:\n${logTail()}`);
    if (await healthy(`http://${host}/healthz`)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on http://${host}/healthz within ${timeoutMs / 1000} s. Log ${run.serverLog}:\n${logTail()}`);
    }
    await delay(100);
  }
  return { host, url: `http://${host}`, pid, stop, logTail };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
