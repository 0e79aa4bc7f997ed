// The active-sprint status bar entry follows the files: it goes away when the
// sprint log or the whole backlog goes away, and comes back with them.
import * as fs from 'node:fs';
import type { SprintlogApi } from '../../src/extension/extension';
import type { LanguageApi } from '../../src/extension/language';
import { resetWorkspace, waitFor, workspaceUri, writeFile } from './util';
import { api, BACKLOG, settle } from './views-helpers';

const SPRINTS = 'backlog/sprints.yaml';
/** A sprint running whatever the date of the test run. */
const ALWAYS = 'version: 1\ntimezone: UTC\nsprints:\n  - id: S99\n    name: Forever\n    start: 2000-01-03\n    end: 2099-12-31\n';

describe('status bar', () => {
  let a: SprintlogApi;
  let status: LanguageApi;
  const shown = () => status.statusText();
  before(async () => {
    a = await api();
    status = a.language as LanguageApi;
  });
  beforeEach(async () => {
    writeFile(SPRINTS, ALWAYS);
    await settle(a);
    await waitFor(() => /\bS99: \d+ pts? left/.test(shown()), { message: 'the status bar to show S99' });
  });
  afterEach(async () => {
    await resetWorkspace();
    await settle(a);
  });

  it('hides when the sprint log is deleted, and shows again when it is back', async () => {
    fs.rmSync(workspaceUri(SPRINTS).fsPath);
    await waitFor(() => shown() === '', { message: `the status bar to hide (shows "${shown()}")` });
    writeFile(SPRINTS, ALWAYS);
    await waitFor(() => shown().includes('S99'), { message: 'the status bar to show S99 again' });
  });

  it('hides when the backlog file is deleted', async () => {
    fs.rmSync(workspaceUri(BACKLOG).fsPath);
    await waitFor(() => a.store.folders().length === 0, { message: 'the store to drop the backlog' });
    await waitFor(() => shown() === '', { message: `the status bar to hide (shows "${shown()}")` });
  });
});
