// The architecture rule lives in eslint.config.mjs: only src/extension may
// import vscode. This runs the project's real ESLint config on small snippets.

import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

describe('lint: vscode stays in src/extension', function () {
  // Loading typescript-eslint takes a few seconds on a busy machine.
  this.timeout(60000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  async function restricted(code: string, filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
    // A fatal parse error would also yield messages: make sure the snippet itself is fine.
    assert.deepEqual(result.messages.filter((m) => m.fatal), [], filePath);
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  const IMPORTS = [
    "import * as vscode from 'vscode';\nexport const x = vscode.version;\n",
    "import { window } from 'vscode';\nexport const w = window;\n",
    "import type { Uri } from 'vscode';\nexport type U = Uri;\n",
    "export { commands } from 'vscode';\n",
  ];

  for (const dir of ['src/core', 'src/cli', 'src/shared', 'src/webview', 'src/core/validate']) {
    it(`is an error in ${dir}`, async () => {
      for (const code of IMPORTS) {
        const messages = await restricted(code, `${dir}/x.ts`);
        assert.equal(messages.length, 1, code);
        assert.match(messages[0], /Only src\/extension may import vscode/);
      }
    });
  }

  it('is allowed in src/extension', async () => {
    for (const code of IMPORTS) assert.deepEqual(await restricted(code, 'src/extension/x.ts'), [], code);
    assert.deepEqual(await restricted(IMPORTS[0], 'src/extension/language/x.ts'), []);
  });

  it('core may not reach into the extension layer either', async () => {
    const messages = await restricted("import { activate } from '../extension/extension';\nexport const a = activate;\n", 'src/core/x.ts');
    assert.equal(messages.length, 1);
    assert.match(messages[0], /Only src\/extension may import the extension layer/);
  });

  it('other imports are fine in core', async () => {
    assert.deepEqual(await restricted("import * as fs from 'node:fs';\nexport const f = fs.existsSync;\n", 'src/core/x.ts'), []);
  });
});
