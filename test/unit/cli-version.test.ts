// `sprintlog --version` says what package.json says (one place for the version).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

describe('cli: --version', () => {
  it("prints package.json's version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const io = { cwd: process.cwd(), env: {}, outText: '', out(t: string) { io.outText += t; }, err() {} };
    for (const flag of ['--version', '-V']) {
      io.outText = '';
      assert.equal(await main([flag], io), 0);
      assert.equal(io.outText, pkg.version + '\n');
    }
  });
});
