// backlog/sprints.yaml → SprintLog.

import {
  DEFAULT_TIMEZONE, DEFAULT_WORKING_DAYS, SPRINT_KEYS, SPRINTS_KEYS, WEEKDAYS,
  type Problem, type RetroAction, type Sprint, type SprintLog, type Weekday,
} from '../model';
import { entryRange } from './backlog';
import { asDateText, asNumber, asText, asTextList, isMap, isSeq, parseYamlText, readMap, readTopMap, setOwn } from './yaml-node';

export interface SprintsParse {
  sprintLog?: SprintLog;
  problems: Problem[];
}

export function parseSprints(text: string, file: string): SprintsParse {
  const { doc, lines, problems } = parseYamlText(text, file);
  if (!doc) return { problems };
  const log: SprintLog = {
    file, text, timezone: DEFAULT_TIMEZONE, workingDays: [...DEFAULT_WORKING_DAYS], holidays: [], sprints: [], extra: {}, raw: {}, fields: {},
  };
  const top = readTopMap(doc, lines, file, {
    message: 'The sprint log must be a mapping with `version`, `timezone` and `sprints` keys.',
    hint: 'Start the file with `version: 1` and a `sprints:` list.',
  });
  if (top === null) return { sprintLog: log, problems };
  if ('code' in top) return { problems: [top] };
  log.raw = top.raw;
  log.fields = top.fields;
  log.version = asNumber(top.raw.version);
  log.timezone = asText(top.raw.timezone) ?? DEFAULT_TIMEZONE;
  if (top.raw.working_days !== undefined && top.raw.working_days !== null) {
    log.workingDays = asTextList(top.raw.working_days)
      .map((d) => d.slice(0, 3).toLowerCase())
      .filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d));
  }
  log.holidays = asTextList(top.raw.holidays);
  for (const key of Object.keys(top.raw)) if (!(SPRINTS_KEYS as readonly string[]).includes(key)) setOwn(log.extra, key, top.raw[key]);
  const sprints = top.nodes.sprints;
  if (isSeq(sprints)) {
    sprints.items.forEach((node, index) => {
      if (!isMap(node)) return;
      const { raw, fields } = readMap(doc, node, lines, file);
      log.sprints.push(readSprint(raw, fields, index, entryRange(node, lines, file)));
    });
  }
  return { sprintLog: log, problems };
}

function readSprint(raw: Record<string, unknown>, fields: Sprint['fields'], index: number, source: Sprint['source']): Sprint {
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (!(SPRINT_KEYS as readonly string[]).includes(key)) setOwn(extra, key, raw[key]);
  const review = record(raw.review);
  const retro = record(raw.retro);
  return {
    id: asText(raw.id) ?? '',
    name: asText(raw.name),
    start: asDateText(raw.start) ?? '',
    end: asDateText(raw.end) ?? '',
    goal: asText(raw.goal),
    capacity: asNumber(raw.capacity),
    review: review && { satisfaction: asNumber(review.satisfaction), notes: asText(review.notes) },
    retro: retro && {
      wentWell: asTextList(retro.went_well),
      toImprove: asTextList(retro.to_improve),
      // A single text is one action, as a single text is one entry of `went_well`.
      actions: Array.isArray(retro.actions) ? retro.actions.map(readAction) : asText(retro.actions) !== undefined ? [readAction(retro.actions)] : [],
    },
    extra,
    raw,
    index,
    source,
    fields,
  };
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function readAction(v: unknown): RetroAction {
  const a = record(v);
  if (!a) return { text: asText(v) ?? '', done: false };
  return { text: asText(a.text) ?? '', owner: asText(a.owner), done: a.done === true };
}
