import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { branchName, sanitizeRef, slugify } from '../../src/extension/git/branchName';

const item = { id: 'PAY-12', title: 'Checkout accepts saved cards', type: 'story', assignee: 'alice' };

/** Asks git itself whether a branch name is valid. */
function gitAccepts(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('extension: branch names', () => {
  it('fills the default template', () => {
    assert.equal(branchName('{id}-{title-slug}', item), 'PAY-12-checkout-accepts-saved-cards');
  });

  it('fills other placeholders and drops unknown ones', () => {
    assert.equal(branchName('{user}/{type}/{id}{nope}', item, 'Alice Smith'), 'alice-smith/story/PAY-12');
    assert.equal(branchName('', item), 'PAY-12-checkout-accepts-saved-cards');
  });

  it('slugs accents, punctuation and long titles', () => {
    assert.equal(slugify('Spike: 3-D Secure v2 — Ünïcode café'), 'spike-3-d-secure-v2-unicode-cafe');
    const long = slugify('word '.repeat(30));
    assert.ok(long.length <= 50 && !long.endsWith('-'), long);
    assert.equal(slugify('日本語'), '');
    assert.equal(branchName('{id}-{title-slug}', { id: 'PAY-1', title: '日本語' }), 'PAY-1');
  });

  it('produces names git accepts, even from hostile input', () => {
    const nasty = ['a..b', '.hidden/x.lock', 'x@{y}', '-lead', 'tail/', 'sp ace', 'a~b^c:d?e*f[g\\h', 'a//b', '@', 'x.', 'a/.b/c'];
    for (const n of nasty) {
      const s = sanitizeRef(n);
      if (s !== '') assert.ok(gitAccepts(s), `${n} -> ${s}`);
    }
    for (const title of ['Fix: "quotes" & <html>', '..', 'ends with dot.', 'tab\there']) {
      const b = branchName('{id}/{title-slug}', { id: 'X.1', title });
      assert.ok(gitAccepts(b), b);
    }
  });
});
