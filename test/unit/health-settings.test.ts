// package.json's `sprintlog.health.*` settings are the CLI's thresholds: one per code
// of THRESHOLD_KEYS, defaults the spec's (DEFAULT_THRESHOLDS), aging-wip limited to
// the percentiles the rule knows.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseThresholds, THRESHOLD_KEYS } from '../../src/core/health/options';
import { DEFAULT_THRESHOLDS } from '../../src/core/metrics/warnings';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; enum?: number[]; markdownDescription: string }> } };
};
const props = pkg.contributes.configuration.properties;

describe('health thresholds as VS Code settings', () => {
  it('one setting per threshold of the CLI, with the spec\'s default', () => {
    const health = Object.keys(props).filter((k) => k.startsWith('sprintlog.health.')).map((k) => k.slice('sprintlog.health.'.length));
    assert.deepEqual(health.sort(), Object.keys(THRESHOLD_KEYS).sort());
    for (const [code, spec] of Object.entries(THRESHOLD_KEYS)) {
      const p = props[`sprintlog.health.${code}`];
      assert.equal(p.default, DEFAULT_THRESHOLDS[spec!.key], code);
      assert.match(p.markdownDescription, new RegExp(`--threshold ${code}=N`), code);
      // The default is a value the CLI's parser (which the extension uses too) accepts.
      assert.deepEqual(parseThresholds([`${code}=${String(p.default)}`]), { [spec!.key]: p.default });
    }
    assert.deepEqual(props['sprintlog.health.aging-wip'].enum, [50, 70, 85, 95]);
  });
});
