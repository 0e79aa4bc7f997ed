// One value as YAML text: what is written plain must read back as the same string in
// YAML 1.2 and in YAML 1.1 (other tools of a team read the files too).

import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { scalarText } from '../../src/core/edit/scalar';

describe('edit: scalar text', () => {
  // Found by the edit property test: yaml's 1.1 float rule reads `e0` as NaN.
  for (const s of ['e0', 'E5', '.e1', '-e2', 'yes', '0x1F', '0o17', '1_000', '12:30', 'plain words', 'ea0', 'v1.2']) {
    it(`'${s}' reads back as the same string in YAML 1.2 and 1.1`, () => {
      const text = scalarText(s, 'block');
      assert.equal(parse(`k: ${text}`).k, s, text);
      assert.equal(parse(`k: ${text}`, { version: '1.1' }).k, s, `${text} in YAML 1.1`);
    });
  }

  it('stays plain where that is safe', () => {
    assert.equal(scalarText('plain words', 'block'), 'plain words');
    assert.equal(scalarText('ea0', 'block'), 'ea0');
  });
});
