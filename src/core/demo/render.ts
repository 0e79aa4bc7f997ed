// Deterministic YAML (and TypeScript) text for the demo repository, in the
// layout of the spec's examples: two-space indent, flow lists for ids and
// tags, block literals for descriptions, comments kept where a person would
// write them. Written by hand rather than by a YAML emitter so the layout,
// and therefore every commit hash, never depends on a library's formatting.

import { parse } from 'yaml';
import { DEMO_TIMEZONE } from './calendar';
import type { ArchiveFile, DemoEpic, DemoItem, DemoSprint, RepoState, Stub } from './state';

export const BACKLOG_FILE = 'backlog/backlog.yaml';
export const SPRINTS_FILE = 'backlog/sprints.yaml';
export const PROJECT = 'PAY';

const scalars = new Map<string, string>();

/** A scalar as YAML text: plain when it reads back unchanged, else single-quoted, else double-quoted. */
export function scalar(s: string): string {
  let out = scalars.get(s);
  if (out === undefined) scalars.set(s, (out = quote(s)));
  return out;
}

function quote(s: string): string {
  if (plainSafe(s)) return s;
  if (!s.includes("'") && !/[\n\\]/.test(s)) return `'${s}'`;
  return JSON.stringify(s);
}

function plainSafe(s: string): boolean {
  if (s === '' || s !== s.trim() || /[\n\t]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  try {
    return (parse(`k: ${s}`) as { k?: unknown } | null)?.k === s;
  } catch {
    return false;
  }
}

function flowList(values: string[]): string {
  return `[${values.map((v) => (/^[A-Za-z0-9._-]+$/.test(v) ? v : JSON.stringify(v))).join(', ')}]`;
}

/** `text` padded so `# comment` starts at a common column, as in the spec's examples. */
function withComment(text: string, comment: string | undefined, column = 29): string {
  return comment ? `${text.padEnd(column - 1)} # ${comment}` : text;
}

function blockText(indent: string, text: string): string[] {
  return text.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : indent + l));
}

function itemLines(item: DemoItem): string[] {
  const out: string[] = [];
  for (const c of item.comment ?? []) out.push(`  # ${c}`);
  out.push(withComment(`  - id: ${item.id}`, item.note));
  const f = (key: string, value: string) => out.push(`    ${key}: ${value}`);
  f('title', scalar(item.title));
  if (item.type !== undefined) f('type', item.type);
  if (item.state !== undefined) f('state', item.state);
  if (item.points !== undefined) f('points', String(item.points));
  if (item.sprint !== undefined) f('sprint', item.sprint);
  if (item.assignee !== undefined) f('assignee', item.assignee);
  if (item.epic !== undefined) f('epic', item.epic);
  if (item.dependsOn.length > 0) f('depends_on', flowList(item.dependsOn));
  if (item.blocked !== undefined) f('blocked', scalar(item.blocked));
  if (item.tags.length > 0) f('tags', flowList(item.tags));
  if (item.value !== undefined) f('value', String(item.value));
  if (item.created !== undefined) f('created', item.created);
  if (item.started !== undefined) f('started', item.started);
  if (item.finished !== undefined) f('finished', item.finished);
  if (item.description !== undefined) out.push('    description: |', ...blockText('      ', item.description));
  return out;
}

function epicLines(e: DemoEpic): string[] {
  const out = [`  - id: ${e.id}`, `    title: ${scalar(e.title)}`];
  if (e.target) out.push(`    target: ${e.target}`);
  if (e.owner) out.push(`    owner: ${e.owner}`);
  if (e.description) out.push('    description: |', ...blockText('      ', e.description));
  return out;
}

function itemsBlock(items: DemoItem[]): string[] {
  const out = ['items:'];
  items.forEach((item, i) => {
    if (i > 0) out.push('');
    out.push(...itemLines(item));
  });
  return out;
}

export function renderBacklog(s: RepoState): string {
  const lines = [
    ...s.backlogHeader.map((c) => (c ? `# ${c}` : '#')),
    'version: 1',
    withComment(`project: ${PROJECT}`, 'id prefix for new items (PAY-1, PAY-2, ...)'),
    withComment('states:', 'state name -> category (todo | doing | done)'),
    '  todo: todo',
    '  in-progress: doing',
    '  review: doing',
    '  done: done',
  ];
  if (s.epics.length > 0) {
    lines.push('epics:');
    for (const e of s.epics) lines.push(...epicLines(e));
  }
  lines.push('', ...itemsBlock(s.items ?? []));
  return lines.join('\n') + '\n';
}

export function renderArchive(a: ArchiveFile): string {
  return [...a.header.map((c) => `# ${c}`), 'version: 1', `project: ${PROJECT}`, ...itemsBlock(a.items)].join('\n') + '\n';
}

function sprintLines(sp: DemoSprint): string[] {
  const out = [withComment(`  - id: ${sp.id}`, sp.note), `    name: ${scalar(sp.name)}`, `    start: ${sp.start}`, `    end: ${sp.end}`];
  if (sp.goal) out.push(`    goal: ${scalar(sp.goal)}`);
  if (sp.capacity !== undefined) out.push(`    capacity: ${sp.capacity}`);
  if (sp.review) {
    out.push('    review:', `      satisfaction: ${sp.review.satisfaction.toFixed(1)}`, `      notes: ${scalar(sp.review.notes)}`);
  }
  if (sp.retro) {
    const list = (key: string, values: string[]) => {
      out.push(`      ${key}:`, ...values.map((v) => `        - ${scalar(v)}`));
    };
    out.push('    retro:');
    list('went_well', sp.retro.wentWell);
    list('to_improve', sp.retro.toImprove);
    out.push('      actions:');
    for (const a of sp.retro.actions) out.push(`        - text: ${scalar(a.text)}`, `          owner: ${a.owner}`, `          done: ${a.done}`);
  }
  return out;
}

export function renderSprints(log: NonNullable<RepoState['sprintLog']>): string {
  const lines = [
    '# PAY sprint log: two-week sprints, Monday to Friday of the following week.',
    '# Reviews and retros are recorded here on the last day of each sprint.',
    'version: 1',
    withComment(`timezone: ${DEMO_TIMEZONE}`, 'day boundaries (sprint days, burndown) use this zone', 32),
    'working_days: [mon, tue, wed, thu, fri]',
    withComment('holidays:', 'non-working days for everyone', 32),
    ...log.holidays.map((h) => withComment(`  - ${h.date}`, h.why, 32)),
    'sprints:',
  ];
  log.sprints.forEach((sp, i) => {
    if (i > 0) lines.push('');
    lines.push(...sprintLines(sp));
  });
  return lines.join('\n') + '\n';
}

const SRC_HEADERS: Record<string, string> = {
  'src/vault': 'Saved payment methods: card tokens kept by the PSP vault.',
  'src/refunds': 'Refunds and captures through the PSP.',
  'src/sepa': 'SEPA Direct Debit: mandates, debits and returns.',
  'src/webhooks': 'PSP webhooks and their delivery to our services.',
  'src/payments': 'Payments service.',
};

export function renderSrc(file: string, stubs: Stub[]): string {
  const dir = file.slice(0, file.lastIndexOf('/'));
  const out = [`// ${SRC_HEADERS[dir] ?? 'Payments service.'}`, "import { psp, type PaymentRequest, type PaymentResult } from '../psp';"];
  for (const st of stubs) {
    out.push(
      '',
      `/** ${st.id}: ${st.title.replace(/\*\//g, '*\\/')} */`,
      `export function ${st.name}(req: PaymentRequest): Promise<PaymentResult> {`,
      st.done ? "  if (req.amount <= 0) throw new RangeError('amount must be positive');" : '  // TODO: validate the request and map PSP error codes',
      `  return psp.call('${st.name}', req);`,
      '}',
    );
  }
  return out.join('\n') + '\n';
}

/** Every file of the repository at this state, path → text. */
export function renderFiles(s: RepoState): Map<string, string> {
  const files = new Map<string, string>(Object.entries(s.files));
  if (s.items) files.set(BACKLOG_FILE, renderBacklog(s));
  if (s.archive) files.set(s.archive.file, renderArchive(s.archive));
  if (s.sprintLog) files.set(SPRINTS_FILE, renderSprints(s.sprintLog));
  for (const [file, stubs] of Object.entries(s.src)) files.set(file, renderSrc(file, stubs));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
