// `npm run demo` (after `node esbuild.js`): writes the demo repository to ./demo
// (replacing an old one) with the built CLI, then shows what Sprintlog makes of
// it: the active sprint, `sprintlog validate`, `sprintlog metrics` and the HTML
// report (./demo-report.html, git-ignored; its path is printed). Exits non-zero when any step fails.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const demo = path.join(root, 'demo');

function sprintlog(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function step(title, args) {
  process.stdout.write(`\n$ sprintlog ${args.join(' ')}\n`);
  const r = sprintlog(args);
  // Both streams to stdout, in order: this is a show, and validate prints its summary on stderr.
  process.stdout.write(r.stdout + r.stderr);
  if (r.status !== 0) process.stdout.write(`(${title} exited with status ${r.status})\n`);
  return r;
}

function commands() {
  // `sprintlog --help` lists one command per indented line after "Commands:".
  const help = sprintlog(['--help']).stdout;
  const list = help.slice(help.indexOf('Commands:'));
  return new Set([...list.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]));
}

function main() {
  if (!fs.existsSync(cli)) {
    console.error('scripts/demo.js: dist/cli.js is missing; build first with `node esbuild.js` (`npm run demo` does both).');
    return 1;
  }
  fs.rmSync(demo, { recursive: true, force: true });
  const available = commands();
  const made = step('demo', ['demo', 'demo']);
  if (made.status !== 0) return made.status;
  let failed = 0;
  if (available.has('validate')) failed |= step('validate', ['validate', '--repo', 'demo']).status;
  else process.stdout.write('\n(sprintlog validate is not available in this build)\n');
  if (available.has('metrics')) {
    // The demo's history ends on the morning of its fixed "today": measure as of that day, not the clock.
    const today = /today (\d{4}-\d{2}-\d{2})/.exec(made.stdout)?.[1];
    const asOf = today && /--as-of/.test(sprintlog(['metrics', '--help']).stdout) ? ['--as-of', today] : [];
    failed |= step('metrics', ['metrics', '--repo', 'demo', ...asOf]).status;
  }
  if (available.has('report')) {
    const today = /today (\d{4}-\d{2}-\d{2})/.exec(made.stdout)?.[1];
    const r = step('report', ['report', '--repo', 'demo', ...(today ? ['--as-of', today] : []), '--format', 'html', '--out', 'demo-report.html']);
    failed |= r.status;
    if (r.status === 0) process.stdout.write(`\nThe HTML report of the demo: ${r.stdout.trim()}\n`);
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
