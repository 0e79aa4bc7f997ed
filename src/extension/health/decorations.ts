// Health badges on the tree rows (issue 11): an item named by a firing warning of
// metrics.md §5 (blocked too long, aging, a risky dependency, unestimated, impossible
// dates) gets a badge on its rows in the Sprint and Backlog views, with the reasons in
// words. Item rows carry a `sprintlog-row:` resourceUri (rowUri) that this
// FileDecorationProvider answers; the row tooltip lists the same reasons
// (healthReasons), since VS Code shows a decoration's tooltip only beside a plain one.
// The warnings come from the history service's snapshot: in a restricted workspace no
// git runs, so there are no warnings and no badges.
import * as vscode from 'vscode';
import type { HealthWarning } from '../../core/metrics/types';
import { escapeMarkdown } from '../../core/escape';
import { folderByKey } from '../folders';
import type { HistoryReader, HistorySnapshot } from '../history';
import type { BacklogStore } from '../model/types';

export const ROW_SCHEME = 'sprintlog-row';

/** The resourceUri of an item's rows: folder key and id, decoded again by the provider. */
export function rowUri(folderKey: string, id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ROW_SCHEME, path: `/${encodeURIComponent(folderKey)}/${encodeURIComponent(id)}` });
}

function parseRowUri(uri: vscode.Uri): { folderKey: string; id: string } | undefined {
  const m = /^\/([^/]*)\/([^/]*)$/.exec(uri.path);
  return uri.scheme === ROW_SCHEME && m ? { folderKey: decodeURIComponent(m[1]), id: decodeURIComponent(m[2]) } : undefined;
}

/** Per item id of a snapshot, the warnings naming it (computed once per snapshot). */
const byItem = new WeakMap<HistorySnapshot, Map<string, HealthWarning[]>>();

/** The firing warnings that name item `id` (sprint-level ones name sprints, not items). */
export function healthOfItem(snap: HistorySnapshot | undefined, id: string): readonly HealthWarning[] {
  if (!snap) return [];
  let map = byItem.get(snap);
  if (!map) {
    map = new Map();
    for (const w of snap.health) {
      for (const x of new Set(w.ids)) if (snap.items.has(x)) map.set(x, [...(map.get(x) ?? []), w]);
    }
    byItem.set(snap, map);
  }
  return map.get(id) ?? [];
}

/** `blocked-long: 1 item blocked for 3 days or more: PAY-12.` per warning, for tooltips. */
export function healthReasons(warnings: readonly HealthWarning[]): string[] {
  return warnings.map((w) => `${w.code}: ${w.message}`);
}

export class HealthDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: BacklogStore, private readonly history: HistoryReader) {
    // New figures (a save, a commit, a threshold setting): every badge may change.
    this.subscriptions = [this.changed, history.onDidChange(() => this.changed.fire(undefined))];
  }

  /** The warnings naming an item of the folder `folderKey` (none without history). */
  warningsOf(folderKey: string, id: string): readonly HealthWarning[] {
    const fb = folderByKey(this.store.folders(), folderKey);
    return fb && this.history.enabled ? healthOfItem(this.history.snapshot(fb.root), id) : [];
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const row = parseRowUri(uri);
    const warnings = row ? this.warningsOf(row.folderKey, row.id) : [];
    if (warnings.length === 0) return undefined;
    const serious = warnings.some((w) => w.severity === 'warning');
    const d = new vscode.FileDecoration(serious ? '!' : 'i', healthReasons(warnings).join('\n'), serious ? new vscode.ThemeColor('list.warningForeground') : undefined);
    d.propagate = false;
    return d;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

export function registerHealthDecorations(context: vscode.ExtensionContext, store: BacklogStore, history: HistoryReader): HealthDecorations {
  const provider = new HealthDecorations(store, history);
  context.subscriptions.push(provider, vscode.window.registerFileDecorationProvider(provider));
  return provider;
}

/** The row tooltip with the reasons under a "Health" heading (file text escaped, as the rest of it). */
export function withHealth(md: vscode.MarkdownString | undefined, warnings: readonly HealthWarning[]): vscode.MarkdownString | undefined {
  if (!md || warnings.length === 0) return md;
  md.appendMarkdown(['', '', '---', '', '**Health**', '', ...healthReasons(warnings).map((r) => `- ${escapeMarkdown(r)}`)].join('\n'));
  return md;
}
