// scripts/vscode-test/clean-npm-env.sh: what a real outer npm exports to its
// scripts must not reach install.sh's nested `npm install`s (code-server's
// postinstall read the outer npm's user agent, named Node 20, and refused).

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/vscode-test/clean-npm-env.sh');

/** The environment a script of a real `npm run` sees, optionally after clean_npm_env. */
function envUnderNpm(tmp: string, clean: boolean): Map<string, string> {
  const body = clean ? `source ${JSON.stringify(SCRIPT)}; clean_npm_env; env -0` : 'env -0';
  fs.writeFileSync(path.join(tmp, 'show.sh'), body);
  fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'outer', private: true, scripts: { show: 'bash show.sh' } }));
  const out = execFileSync('npm', ['run', '--silent', 'show'], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, npm_config_registry: 'https://registry.example.invalid/' },
  });
  const vars = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) vars.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return vars;
}

describe('vscode-test install: the nested npm environment', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sprintlog-npm-env-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('an npm script inherits the outer npm user agent, prefix and PATH (what broke the install)', () => {
    const raw = envUnderNpm(tmp, false);
    assert.match(raw.get('npm_config_user_agent') ?? '', new RegExp(`node/${process.version}`));
    assert.equal(raw.get('npm_config_local_prefix'), fs.realpathSync(tmp));
    assert.ok((raw.get('PATH') ?? '').split(':').some((d) => d.endsWith('/node_modules/.bin')));
  });

  it('clean_npm_env removes them and keeps the registry settings the user chose', () => {
    const env = clean(envUnderNpm(tmp, true));
    assert.deepEqual(env.npm, [], `left: ${env.npm.join(', ')}`);
    assert.equal(env.vars.get('NODE'), undefined);
    assert.equal(env.vars.get('INIT_CWD'), undefined);
    assert.deepEqual(env.path.filter((d) => d.endsWith('/node_modules/.bin') || d.endsWith('/node-gyp-bin')), []);
    assert.ok(env.path.length > 0 && env.path.every((d) => d !== ''));
    assert.equal(env.vars.get('npm_config_registry'), 'https://registry.example.invalid/');
    assert.equal(env.vars.get('HOME'), process.env.HOME);
  });
});

const KEPT = /^npm_config_(registry|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|cache|userconfig|_auth.*)$/i;

function clean(vars: Map<string, string>) {
  return {
    vars,
    npm: [...vars.keys()].filter((k) => /^npm_/i.test(k) && !KEPT.test(k)),
    path: (vars.get('PATH') ?? '').split(':'),
  };
}
