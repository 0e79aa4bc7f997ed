// The agent tools' host inside VS Code: the store's model (editor buffers
// win over disk), metrics computed as the history service computes them, and
// writes through the commands' apply path (one WorkspaceEdit: undo works, a
// dirty buffer is edited, not overwritten). No git and no write when the
// workspace is not trusted.
import * as vscode from 'vscode';
import type { AgentHost } from '../../core/agent';
import { applyPlanToFiles, planEdits, type EditOp } from '../../core/edit';
import { refuseNewErrors } from '../../core/edit/new-errors';
import type { History } from '../../core/history';
import { computeMetrics } from '../../core/metrics';
import type { Workspace } from '../../core/model';
import { applyOps } from '../commands/apply';
import { Refusal } from '../errors';
import type { Services } from '../commands/services';
import { computeReport } from '../history/compute';
import { metricsSettings } from '../health/settings';
import type { FolderBacklog } from '../model/types';
import { planDiff } from '../../core/agent';

/** The folder the tools work on: the one of the active editor, else the first with a backlog. */
export async function agentFolder(s: Services): Promise<FolderBacklog> {
  await s.store.ready();
  const active = vscode.window.activeTextEditor?.document.uri;
  const fb = (active && s.store.forUri(active)) ?? s.store.folders()[0];
  if (!fb) throw new Refusal('no Sprintlog backlog in this workspace: open a folder with backlog/backlog.yaml (or run "Sprintlog: Create Backlog").');
  return fb;
}

/** An empty history: in a restricted workspace no git runs, so history-based figures are unknown. */
function noHistory(): History {
  return { status: 'none', warnings: ['The workspace is not trusted: Sprintlog runs no git, so history-based figures are unavailable.'], ref: 'HEAD', commits: [], events: [], uncommitted: false };
}

export function vscodeHost(s: Services, fb: FolderBacklog): AgentHost {
  const host: AgentHost = {
    workspace: async () => (await s.store.reloadFolder(fb.folder))?.workspace ?? fb.workspace,
    metrics: async () => {
      const ws = await host.workspace();
      const settings = metricsSettings(fb.folder);
      if (!vscode.workspace.isTrusted) {
        const asOf = Date.now();
        const history = noHistory();
        return { report: computeMetrics({ workspace: ws, history, asOf, ref: 'HEAD', settings }), history };
      }
      const { report, history } = await computeReport(s.git.engine, fb.root, ws, { settings });
      return { report, history };
    },
  };
  if (!vscode.workspace.isTrusted) return host;
  host.write = async (opsOf, opts) => {
    const reservedIds = opts.reserveHistoryIds ? await s.git.reservedIds(fb) : undefined;
    let planned: Workspace | undefined;
    const applied = await applyOps(s.store, s.git, fb, (ws): EditOp[] => {
      const ops = opsOf(ws);
      // The CLI's writer refuses results with new validation errors; so does this path.
      refuseNewErrors(ws, applyPlanToFiles(ws, planEdits(ws, ops, { reservedIds })));
      planned = ws;
      return ops;
    }, { reservedIds });
    const plan = applied?.plan;
    const files = [...new Set(plan?.edits.map((e) => e.file) ?? [])];
    return { files, diff: plan && planned && files.length > 0 ? planDiff(planned, plan) : [], newIds: plan?.newIds ?? [] };
  };
  return host;
}
