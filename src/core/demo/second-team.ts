// `sprintlog demo --team shop`: a second, different team for portfolio demos.
// The SHOP team's history is told by the same story with its own seed (so other
// days, estimates, blockers and figures), then relabelled: its own project key,
// people and e-mail domain. Relabelling the recorded commits (file texts,
// messages, authors, branch names) keeps one storyteller instead of two.

import type { CommitRecord, Person } from './recorder';

export const TEAMS = ['pay', 'shop'] as const;
export type DemoTeam = (typeof TEAMS)[number];

/** Each team's own default seed: a different history even without --seed. */
export const TEAM_SEEDS: Record<DemoTeam, number> = { pay: 42, shop: 7 };

const PEOPLE: [from: Person, to: Person][] = [
  [{ login: 'alice', name: 'Alice Schneider', email: 'alice.schneider@paytech.example' }, { login: 'farah', name: 'Farah Haddad', email: 'farah.haddad@shop.example' }],
  [{ login: 'bob', name: 'Bob Fischer', email: 'bob.fischer@paytech.example' }, { login: 'gustavo', name: 'Gustavo Lima', email: 'gustavo.lima@shop.example' }],
  [{ login: 'chen', name: 'Chen Wei', email: 'chen.wei@paytech.example' }, { login: 'hana', name: 'Hana Sato', email: 'hana.sato@shop.example' }],
  [{ login: 'dana', name: 'Dana Kowalski', email: 'dana.kowalski@paytech.example' }, { login: 'ivan', name: 'Ivan Petrov', email: 'ivan.petrov@shop.example' }],
  [{ login: 'emeka', name: 'Emeka Okafor', email: 'emeka.okafor@paytech.example' }, { login: 'jonas', name: 'Jonas Berg', email: 'jonas.berg@shop.example' }],
];

/** Longest first, so an e-mail is replaced before the login inside it. */
const WORDS: [RegExp, string][] = [
  ...PEOPLE.flatMap(([a, b]): [RegExp, string][] => [[new RegExp(a.email.replace(/\./g, '\\.'), 'g'), b.email], [new RegExp(a.name, 'g'), b.name]]),
  ...PEOPLE.map(([a, b]): [RegExp, string] => [new RegExp(`\\b${a.login}\\b`, 'g'), b.login]),
  [/the payments team/g, 'the web shop payments team'],
  [/\bPAY\b/g, 'SHOP'],
];

const relabelText = (s: string): string => WORDS.reduce((t, [re, to]) => t.replace(re, to), s);

const person = (p: Person): Person => PEOPLE.find(([a]) => a.login === p.login)?.[1] ?? p;

export function relabel(commits: readonly CommitRecord[], team: DemoTeam): CommitRecord[] {
  if (team === 'pay') return [...commits];
  return commits.map((c) => ({
    ...c,
    ref: relabelText(c.ref),
    author: person(c.author),
    message: relabelText(c.message),
    changes: c.changes.map(([file, text]): [string, string | null] => [file, text === null ? null : relabelText(text)]),
  }));
}

/** Branch names the story merged (deleted after the import), relabelled the same way. */
export function relabelRefs(refs: readonly string[], team: DemoTeam): string[] {
  return team === 'pay' ? [...refs] : refs.map(relabelText);
}
