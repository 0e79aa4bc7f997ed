// Nodes → vscode.TreeItems, shared by the sprint and backlog views.
import * as vscode from 'vscode';
import type { Workspace } from '../../core/model';
import { groupDescription } from './grouping';
import { itemContextValue, itemDescription, itemIcon, itemLabel, itemTooltip, type TimelineEntry } from './labels';
import type { Node } from './nodes';
import { rowUri } from '../health/decorations';

function icon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** Tooltips are filled in resolveTreeItem (on hover), so building 20,000 rows stays cheap. */
export function treeItem(node: Node, ws: Workspace | undefined, prefix: string): vscode.TreeItem {
  switch (node.kind) {
    case 'folder': {
      const t = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      t.id = `${prefix}|${node.folderKey}`;
      t.iconPath = vscode.ThemeIcon.Folder;
      t.contextValue = 'folder';
      return t;
    }
    case 'error': {
      const p = node.problem;
      const t = new vscode.TreeItem(`${p.file}:${p.line}:${p.column}: ${p.message}`, vscode.TreeItemCollapsibleState.None);
      t.id = `${prefix}|${node.folderKey}|error|${p.file}:${p.line}:${p.column}:${p.code}`;
      t.iconPath = icon('error', 'errorForeground');
      t.description = node.more ? `${p.code} · ${node.more} more in this file` : p.code;
      t.tooltip = p.hint ? `${p.message}\n${p.hint}` : p.message;
      t.contextValue = 'error';
      t.command = { command: 'sprintlog.goToError', title: 'Go to Error', arguments: [node] };
      return t;
    }
    case 'group': {
      const g = node.group;
      // An empty group has nothing to expand (it stays a drop target).
      const state = g.items.length === 0 ? vscode.TreeItemCollapsibleState.None : g.collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
      const t = new vscode.TreeItem(g.label, state);
      t.id = `${prefix}|${node.folderKey}|${g.key}`;
      t.description = (g.status && g.status !== 'closed' ? `${g.status} · ` : '') + groupDescription(g);
      t.contextValue = `group ${g.field}`;
      t.iconPath = icon(groupIcon(g.field, g.status));
      return t;
    }
    case 'item': {
      const it = node.item;
      const t = new vscode.TreeItem(itemLabel(it), vscode.TreeItemCollapsibleState.None);
      t.id = `${prefix}|${node.folderKey}|${node.group?.key ?? ''}|${node.nodeId}`;
      t.description = itemDescription(it);
      const spec = ws ? itemIcon(it, ws.states) : { id: 'circle-large-outline' };
      t.iconPath = icon(spec.id, spec.color);
      t.contextValue = ws ? itemContextValue(it, ws.states) : 'item';
      t.command = { command: 'sprintlog.revealInYaml', title: 'Reveal in YAML', arguments: [node] };
      // Health badges (../health/decorations.ts) find the item by this URI.
      t.resourceUri = rowUri(node.folderKey, it.id);
      return t;
    }
    case 'info': {
      const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      t.id = `${prefix}|${node.folderKey}|info|${node.key}`;
      t.description = node.description;
      t.tooltip = node.tooltip;
      // Screen readers read the row (label and value), not the tooltip.
      t.accessibilityInformation = { label: node.description ? `${node.label}: ${node.description}` : node.label };
      if (node.icon) t.iconPath = icon(node.icon);
      t.contextValue = `info ${node.key}`;
      if (node.command) t.command = { command: node.command, title: node.label, arguments: [{ folder: node.folderKey }] };
      return t;
    }
  }
}

function groupIcon(field: string, status?: string): string {
  if (field === 'sprint') return status === 'active' ? 'rocket' : status === 'closed' ? 'archive' : status ? 'calendar' : 'list-unordered';
  if (field === 'state') return 'symbol-enum-member';
  if (field === 'epic') return 'layers';
  return 'person';
}

export function itemTooltipMarkdown(node: Node, ws: Workspace, timeline?: readonly TimelineEntry[]): vscode.MarkdownString | undefined {
  if (node.kind !== 'item') return undefined;
  // Text from the file is escaped by itemTooltip; the MarkdownString is untrusted and HTML-free.
  const md = new vscode.MarkdownString(itemTooltip(node.item, ws, timeline));
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
