// The architecture rules live in eslint.config.mjs: only src/extension may
// import vscode; browser code (src/webview, src/shared) imports no Node
// built-in; product code drops no promise. This runs the project's real ESLint
// config on small snippets.

import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

describe('lint: the architecture rules', function () {
  // Loading typescript-eslint and the TypeScript project takes a while on a busy machine.
  this.timeout(180000);
  let eslint: ESLint;
  before(() => {
    // The snippets are linted under file names that do not exist (src/core/x.ts): the type-aware
    // rules then need the project service to type them with the root tsconfig. Rules are the config's.
    eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: {
        files: ['src/**/*.ts'],
        languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['src/*/x.ts', 'src/*/*/x.ts'], defaultProject: 'tsconfig.json' }, tsconfigRootDir: ROOT } },
      },
    });
  });

  async function messages(code: string, filePath: string, rule: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
    // A fatal parse error would also yield messages: make sure the snippet itself is fine.
    assert.deepEqual(result.messages.filter((m) => m.fatal), [], filePath);
    return result.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
  }
  const restricted = (code: string, filePath: string) => messages(code, filePath, 'no-restricted-imports');

  describe('vscode stays in src/extension', () => {
    const IMPORTS = [
      "import * as vscode from 'vscode';\nexport const x = vscode.version;\n",
      "import { window } from 'vscode';\nexport const w = window;\n",
      "import type { Uri } from 'vscode';\nexport type U = Uri;\n",
      "export { commands } from 'vscode';\n",
    ];

    for (const dir of ['src/core', 'src/cli', 'src/shared', 'src/webview', 'src/core/validate']) {
      it(`is an error in ${dir}`, async () => {
        for (const code of IMPORTS) {
          const found = await restricted(code, `${dir}/x.ts`);
          assert.equal(found.length, 1, code);
          assert.match(found[0], /Only src\/extension may import vscode/);
        }
      });
    }

    it('is allowed in src/extension', async () => {
      for (const code of IMPORTS) assert.deepEqual(await restricted(code, 'src/extension/x.ts'), [], code);
      assert.deepEqual(await restricted(IMPORTS[0], 'src/extension/language/x.ts'), []);
    });

    it('core may not reach into the extension layer either', async () => {
      for (const dir of ['src/core', 'src/webview']) {
        const found = await restricted("import { activate } from '../extension/extension';\nexport const a = activate;\n", `${dir}/x.ts`);
        assert.equal(found.length, 1, dir);
        assert.match(found[0], /Only src\/extension may import the extension layer/);
      }
    });
  });

  describe('no Node built-ins in browser code', () => {
    const NODE = [
      "import * as fs from 'node:fs';\nexport const f = fs.existsSync;\n",
      "import * as path from 'path';\nexport const j = path.join;\n",
      "import { readFile } from 'fs/promises';\nexport const r = readFile;\n",
      "export { EventEmitter } from 'node:events';\n",
    ];
    for (const dir of ['src/webview', 'src/shared']) {
      it(`is an error in ${dir}`, async () => {
        for (const code of NODE) {
          const found = await restricted(code, `${dir}/x.ts`);
          assert.equal(found.length, 1, `${dir}: ${code}`);
          assert.match(found[0], /run in the browser: no Node built-ins/);
        }
      });
    }

    it('is fine in core, the CLI and the extension; packages are fine in the webview', async () => {
      for (const dir of ['src/core', 'src/cli', 'src/extension']) assert.deepEqual(await restricted(NODE[0], `${dir}/x.ts`), [], dir);
      assert.deepEqual(await restricted("import * as echarts from 'echarts';\nexport const e = echarts;\n", 'src/webview/x.ts'), []);
    });
  });

  describe('promises are awaited or marked', () => {
    const FLOATING = 'async function save(): Promise<void> {}\nexport function run(): void {\n  save();\n}\n';
    const VOIDED = 'async function save(): Promise<void> {}\nexport function run(): void {\n  void save();\n}\n';
    const MISUSED = 'async function save(): Promise<boolean> { return true; }\nexport function run(xs: number[]): void {\n  xs.forEach(async () => { await save(); });\n  if (save()) xs.pop();\n}\n';

    for (const dir of ['src/extension', 'src/core', 'src/cli', 'src/webview']) {
      it(`a dropped promise is an error in ${dir}, a voided one is not`, async () => {
        assert.equal((await messages(FLOATING, `${dir}/x.ts`, '@typescript-eslint/no-floating-promises')).length, 1);
        assert.deepEqual(await messages(VOIDED, `${dir}/x.ts`, '@typescript-eslint/no-floating-promises'), []);
      });
    }

    it('an async callback where a void one is expected, and a promise as a condition, are errors', async () => {
      assert.equal((await messages(MISUSED, 'src/extension/x.ts', '@typescript-eslint/no-misused-promises')).length, 2);
    });
  });
});
