// The toolbar: sprint picker, as-of picker (now, a day, a tag, a branch or a
// commit) and the cycle-time window, from @vscode-elements/elements. Each
// change posts a `view` message; the chosen values are kept with setState.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { AsOf, RefChoices, ViewChoice } from '../shared/protocol';
import { clear, h } from './dom';

export const WINDOWS = [14, 30, 60, 90, 180, 365];

interface Select extends HTMLElement {
  value: string;
  label: string;
}

function select(id: string, label: string, options: { value: string; label: string; description?: string }[], value: string): Select {
  const el = h('vscode-single-select', { id, 'aria-label': label }) as Select;
  el.label = label;
  for (const o of options) {
    const opt = h('vscode-option', { value: o.value, description: o.description, selected: o.value === value }, o.label);
    el.append(opt);
  }
  el.value = value;
  return el;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('span', { class: 'field-label', id: `${control.id}-label` }, label), control);
}

export interface ToolbarInputs {
  view: ViewChoice;
  sprints: { id: string; name?: string; status: string | null }[];
  /** The sprint shown (the default one when the view names none). */
  shownSprint?: string;
  refs?: RefChoices;
  onChange(view: ViewChoice): void;
  onExportReport(): void;
}

function refOptions(kind: AsOf['kind'], refs: RefChoices | undefined, current: string | undefined): { value: string; label: string; description?: string }[] {
  const list =
    kind === 'tag' ? (refs?.tags ?? []).map((t) => ({ value: t, label: t }))
    : kind === 'branch' ? (refs?.branches ?? []).map((b) => ({ value: b, label: b }))
    : (refs?.commits ?? []).map((c) => ({ value: c.hash, label: `${c.hash.slice(0, 8)} ${c.date}`, description: c.subject }));
  if (current && !list.some((o) => o.value === current)) list.unshift({ value: current, label: current });
  return list;
}

/** The controls drawn last, by toolbar: an edit of the backlog leaves them as they are, and lit's selects are slow to rebuild. */
const drawn = new WeakMap<HTMLElement, string>();

/**
 * The toolbar's frame before its controls: each field's label and a box of a select's size where
 * the control will be (the page's first charts come first: main.ts). The controls then take the
 * boxes' place and nothing below them moves.
 */
export function renderToolbarFrame(bar: HTMLElement, view: ViewChoice): void {
  drawn.set(bar, 'frame');
  clear(bar);
  const field = (label: string, kind = 'select') => h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), h('div', { class: `control-placeholder ${kind}`, 'aria-hidden': 'true' }));
  const value = view.asOf.kind === 'now' ? [] : [view.asOf.kind === 'date' ? field('Day', 'textfield') : field('Ref')];
  bar.append(field('Sprint'), field('As of'), ...value, field('Cycle-time window'), h('div', { class: 'field actions' }, exportButton()));
}

/** Fills `bar` with the controls for `i.view` (kept when their inputs did not change). */
export function renderToolbar(bar: HTMLElement, i: ToolbarInputs): void {
  const key = JSON.stringify([i.view, i.sprints, i.shownSprint, i.refs]);
  if (drawn.get(bar) === key && bar.firstChild) return;
  drawn.set(bar, key);
  // The export button of the frame stays (renderToolbarFrame): a lit element less to render.
  const exporting = bar.querySelector<HTMLElement>('#export-report') ?? exportButton();
  exportHandlers.set(exporting, i.onExportReport);
  clear(bar);
  const view = i.view;
  const sprint = select(
    'sprint',
    'Sprint',
    i.sprints.map((s) => ({ value: s.id, label: `${s.id}${s.name ? ` ${s.name}` : ''}`, description: s.status ?? 'invalid dates' })),
    i.shownSprint ?? '',
  );
  sprint.addEventListener('change', () => i.onChange({ ...view, sprint: sprint.value || undefined }));
  const kinds: { value: AsOf['kind']; label: string }[] = [
    { value: 'now', label: 'Now' },
    { value: 'date', label: 'A day' },
    { value: 'tag', label: 'A tag' },
    { value: 'branch', label: 'A branch' },
    { value: 'commit', label: 'A commit' },
  ];
  const kind = select('as-of-kind', 'As of', kinds, view.asOf.kind);
  const current = view.asOf.kind === 'now' ? undefined : view.asOf.value;
  let valueControl: HTMLElement | undefined;
  const emit = (asOf: AsOf) => i.onChange({ ...view, asOf });
  kind.addEventListener('change', () => {
    const k = kind.value as AsOf['kind'];
    if (k === 'now') return emit({ kind: 'now' });
    // Pick a first value so the figures change at once: today, the newest tag/branch/commit.
    if (k === 'date') return emit({ kind: 'date', value: (i.refs?.commits[0]?.date ?? new Date().toISOString().slice(0, 10)) });
    const first = refOptions(k, i.refs, undefined)[0];
    if (first) emit({ kind: k, value: first.value });
    else emit({ kind: 'now' });
  });
  if (view.asOf.kind === 'date') {
    const date = h('vscode-textfield', { id: 'as-of-value', type: 'date', value: view.asOf.value, 'aria-label': 'Day' }) as HTMLElement & { value: string; label: string };
    date.label = 'Day';
    date.addEventListener('change', () => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(date.value)) emit({ kind: 'date', value: date.value });
    });
    valueControl = date;
  } else if (view.asOf.kind !== 'now') {
    const k = view.asOf.kind;
    const ref = select('as-of-value', k === 'commit' ? 'Commit' : k === 'tag' ? 'Tag' : 'Branch', refOptions(k, i.refs, current), current ?? '');
    ref.addEventListener('change', () => emit({ kind: k, value: ref.value }));
    valueControl = ref;
  }
  const win = select('window', 'Cycle-time window', WINDOWS.map((d) => ({ value: String(d), label: `${d} days` })).concat(WINDOWS.includes(view.windowDays) ? [] : [{ value: String(view.windowDays), label: `${view.windowDays} days` }]), String(view.windowDays));
  win.addEventListener('change', () => i.onChange({ ...view, windowDays: Number(win.value) }));
  bar.append(
    field('Sprint', sprint),
    field('As of', kind),
    ...(valueControl ? [field(view.asOf.kind === 'date' ? 'Day' : 'Ref', valueControl)] : []),
    field('Cycle-time window', win),
    h('div', { class: 'field actions' }, exporting),
  );
}

/** What the report button does: the latest toolbar's handler (the button outlives a toolbar). */
const exportHandlers = new WeakMap<HTMLElement, () => void>();

function exportButton(): HTMLElement {
  const button = h('vscode-button', { id: 'export-report', secondary: true }, 'Export Markdown report…');
  button.addEventListener('click', () => exportHandlers.get(button)?.());
  return button;
}
