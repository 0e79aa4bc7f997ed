// The depends_on graph as plain SVG, layered by depth: an item's column is one
// more than the deepest thing it depends on, so work flows left to right (do the
// left first). Each node is a keyboard-reachable button that reveals its item;
// the tables beside it carry the same facts for screen readers.
import type { DependencyReport } from '../../core/kpis/deps';
import { post, requestId } from '../api';
import { h } from '../dom';
import { svg, svgText } from './svg';

const NODE_W = 112;
const NODE_H = 26;
const COL_GAP = 56;
const ROW_GAP = 10;
const PAD = 8;
/** Past this many nodes a drawing says less than the tables below it. */
export const MAX_NODES = 160;

export interface NodeFacts {
  title(id: string): string;
  done(id: string): boolean;
  blocked: ReadonlySet<string>;
  critical: ReadonlySet<string>;
  risky: ReadonlySet<string>;
  epic(id: string): string | undefined;
}

/** Column per node: 0 for nodes that depend on nothing drawn, else 1 + the deepest dependency. */
export function layers(edges: DependencyReport['edges']): Map<string, number> {
  const deps = new Map<string, string[]>();
  for (const e of edges) {
    deps.set(e.from, [...(deps.get(e.from) ?? []), e.to]);
    if (!deps.has(e.to)) deps.set(e.to, []);
  }
  const depth = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    let d = 0;
    for (const x of deps.get(id) ?? []) if (!seen.has(x)) d = Math.max(d, 1 + visit(x, new Set([...seen, x])));
    depth.set(id, d);
    return d;
  };
  for (const id of deps.keys()) visit(id, new Set([id]));
  return depth;
}

function nodeState(id: string, f: NodeFacts): string {
  return f.blocked.has(id) ? 'blocked' : f.done(id) ? 'done' : 'open';
}

export function dependencyGraph(report: DependencyReport, f: NodeFacts): HTMLElement {
  const depth = layers(report.edges);
  if (depth.size === 0) return h('p', { class: 'note' }, 'No item depends on another.');
  if (depth.size > MAX_NODES) return h('p', { class: 'note' }, `${depth.size} items take part in dependencies: too many to draw; the tables below list them.`);
  const columns: string[][] = [];
  for (const [id, d] of depth) (columns[d] ??= []).push(id);
  for (const c of columns) c.sort((a, b) => (f.epic(a) ?? '').localeCompare(f.epic(b) ?? '') || a.localeCompare(b));
  const at = new Map<string, { x: number; y: number }>();
  columns.forEach((ids, c) => ids.forEach((id, r) => at.set(id, { x: PAD + c * (NODE_W + COL_GAP), y: PAD + r * (NODE_H + ROW_GAP) })));
  const width = PAD * 2 + columns.length * NODE_W + (columns.length - 1) * COL_GAP;
  const height = PAD * 2 + Math.max(...columns.map((c) => c.length)) * (NODE_H + ROW_GAP) - ROW_GAP;
  const root = svg('svg', { class: 'dep-graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': 'Dependency graph: each item is drawn right of what it depends on' });
  root.append(svg('defs', {}, svg('marker', { id: 'dep-arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' }, svg('path', { d: 'M0 0 L8 4 L0 8 z', class: 'dep-arrow' }))));
  for (const e of report.edges) {
    const a = at.get(e.to)!;
    const b = at.get(e.from)!;
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    const critical = f.critical.has(e.from) && f.critical.has(e.to);
    root.append(svg('path', { d: `M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`, class: `dep-edge${e.open ? ' open' : ' done'}${critical ? ' critical' : ''}`, 'marker-end': 'url(#dep-arrow)', 'aria-hidden': 'true' }));
  }
  for (const [id, p] of at) {
    const state = nodeState(id, f);
    const extra = [f.critical.has(id) ? 'on a critical path' : '', f.risky.has(id) ? 'planned before what it depends on' : ''].filter(Boolean).join(', ');
    const title = f.title(id);
    const label = `${id}${title ? `: ${title}` : ''} (${state}${extra ? `, ${extra}` : ''}). Reveal in the YAML`;
    const node = svg('g', { class: `dep-node ${state}${f.critical.has(id) ? ' critical' : ''}${f.risky.has(id) ? ' risky' : ''}`, transform: `translate(${p.x} ${p.y})`, tabindex: 0, role: 'button', 'aria-label': label, 'data-item': id },
      svg('rect', { width: NODE_W, height: NODE_H, rx: 4 }),
      svgText({ x: 8, y: NODE_H / 2 + 4 }, id.length > 14 ? `${id.slice(0, 13)}…` : id),
    );
    const tip = svg('title');
    tip.textContent = label;
    node.prepend(tip);
    const reveal = () => post({ type: 'revealItem', requestId: requestId(), id });
    node.addEventListener('click', reveal);
    node.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        reveal();
      }
    });
    root.append(node);
  }
  const legend = h('p', { class: 'legend note' },
    h('span', { class: 'key blocked' }, 'blocked'), ' ', h('span', { class: 'key open' }, 'open'), ' ', h('span', { class: 'key done' }, 'done'), ' ',
    h('span', { class: 'key critical' }, 'critical path'), ' ', h('span', { class: 'key risky' }, 'planned before its dependency'),
    ' · an arrow goes from a dependency to the item that waits on it; dashed: the dependency is done.',
  );
  return h('div', { class: 'dep-graph-box' }, h('div', { class: 'scroll' }, root), legend);
}
