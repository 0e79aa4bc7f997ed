// Right figures in the views: the product backlog is open work (archive and done items
// without a sprint have their own collapsed group); palette targets: cursor item, open, done.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../src/core/parse/workspace';
import { itemAtOffset, paletteOrder } from '../../src/extension/commands/targets';
import { groupDescription, groupItems } from '../../src/extension/views/grouping';

const DIR = path.join(__dirname, '../integration/fixtures/workspace/backlog');
const BACKLOG = fs.readFileSync(path.join(DIR, 'backlog.yaml'), 'utf8');
const SPRINTS = fs.readFileSync(path.join(DIR, 'sprints.yaml'), 'utf8');
const ARCHIVE = 'version: 1\nitems:\n  - {id: PAY-2, title: Old, state: done, points: 13}\n  - {id: PAY-3, title: Older, state: done, points: 8}\n';
// PAY-14 is finished without a sprint in the main file.
const ws = buildWorkspace('/ws', [
  { file: 'backlog/backlog.yaml', text: BACKLOG.replace("    type: spike\n", '    type: spike\n    state: done\n    points: 1\n') },
  { file: 'backlog/archive/2026-h1.yaml', text: ARCHIVE },
], { file: 'backlog/sprints.yaml', text: SPRINTS });

describe('extension: figures in the views', () => {
  it('the product backlog counts open work only; done and archived items are a collapsed group of their own', () => {
    const groups = groupItems(ws, ws.items, 'sprint', { day: '2026-11-20' });
    const backlog = groups.find((g) => g.label === 'Product backlog')!;
    assert.deepEqual(backlog.items.map((i) => i.id), ['PAY-17']);
    assert.equal(groupDescription(backlog), '1 item · 5 pt');
    const done = groups.at(-1)!;
    assert.equal(done.label, 'Done or archived, no sprint');
    assert.equal(done.collapsed, true);
    assert.deepEqual(done.items.map((i) => i.id), ['PAY-14', 'PAY-2', 'PAY-3']);
  });

  it('palette: the item under the cursor first, then open items, then done ones', () => {
    const text = ws.backlogs[0].text;
    const cursor = itemAtOffset(ws, 'backlog/backlog.yaml', text.indexOf('Declined saved card'));
    assert.equal(cursor?.id, 'PAY-16');
    const order = paletteOrder(ws, cursor).map((i) => i.id);
    assert.deepEqual(order, ['PAY-16', 'PAY-12', 'PAY-15', 'PAY-13', 'PAY-17', 'PAY-9', 'PAY-14', 'PAY-2', 'PAY-3']);
    assert.equal(itemAtOffset(ws, 'backlog/backlog.yaml', text.indexOf('epics:')), undefined);
  });
});
