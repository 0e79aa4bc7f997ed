// The PAY team and the words it uses in its sprint log: who they are, what
// they pick up, and the pools of goals, retro notes and reasons the story
// draws from (all fixed text, chosen by the seeded PRNG).

import type { Person } from './recorder';

export interface Developer extends Person {
  /** Tags this developer prefers when several items are free. */
  likes: string[];
  /** Chance of having time to pick up work on a given day (the lead is in meetings). */
  availability: number;
}

export const TEAM: readonly Developer[] = [
  { login: 'alice', name: 'Alice Schneider', email: 'alice.schneider@paytech.example', likes: ['frontend', 'checkout'], availability: 1 },
  { login: 'bob', name: 'Bob Fischer', email: 'bob.fischer@paytech.example', likes: ['backend', 'refunds', 'finance'], availability: 1 },
  { login: 'chen', name: 'Chen Wei', email: 'chen.wei@paytech.example', likes: ['sepa', 'backend', 'research'], availability: 1 },
  { login: 'dana', name: 'Dana Kowalski', email: 'dana.kowalski@paytech.example', likes: ['security', 'docs'], availability: 0.5 },
  { login: 'emeka', name: 'Emeka Okafor', email: 'emeka.okafor@paytech.example', likes: ['observability', 'webhooks', 'ci', 'reliability'], availability: 0.9 },
];

export function dev(login: string): Developer {
  const d = TEAM.find((p) => p.login === login);
  if (!d) throw new Error(`demo: no developer ${login}`);
  return d;
}

/** Epic number → epic. Targets are days after the last sprint's end (negative = before). */
export const EPICS = [
  { n: 1, title: 'Saved payment methods', owner: 'dana', targetAfterLastEnd: 18, description: 'Customers keep cards (as PSP tokens, never card numbers) and pay with one click.\n' },
  { n: 2, title: 'Refunds and captures', owner: 'bob', targetAfterLastEnd: -28 },
  { n: 3, title: 'SEPA Direct Debit', owner: 'chen', targetAfterLastEnd: 46, description: 'Pay by bank account in the euro area: mandates, debits, returns.\n' },
  { n: 4, title: 'Webhooks and payment observability', owner: 'emeka' },
] as const;

/** Folder where the feature branch of an item of each epic adds its module (one new file per branch, so merges never collide in code). */
export const EPIC_SRC: Record<number, string> = { 1: 'src/vault', 2: 'src/refunds', 3: 'src/sepa', 4: 'src/webhooks' };
export const DEFAULT_SRC = 'src/payments';

export const WENT_WELL = [
  'Pairing on the PSP client',
  'Sandbox credentials arrived early',
  'Small pull requests, quick reviews',
  'Demo prepared the day before',
  'QA involved from day one',
  'No production incidents',
  'Good split of the refund stories',
  'Mob session on the vault design',
  'Clear acceptance criteria',
  'Finance joined the review',
];

export const TO_IMPROVE = [
  'Too many stories started at once',
  'Reviews waited a day or more',
  'Unclear acceptance criteria for the SEPA stories',
  'Late scope changes mid-sprint',
  'Flaky CI cost us hours',
  'Estimates for PSP integration work are too low',
  'Blocked items not raised in the stand-up',
  'Planning took the whole morning',
];

export const ACTIONS: readonly { text: string; owner: string }[] = [
  { text: 'WIP limit of 3 in review', owner: 'bob' },
  { text: 'Refinement session every second Wednesday', owner: 'dana' },
  { text: 'Quarantine flaky tests within a day', owner: 'emeka' },
  { text: 'Raise blockers in the stand-up, not in chat', owner: 'chen' },
  { text: 'Acceptance criteria written before planning', owner: 'dana' },
  { text: 'Pair on every PSP integration story', owner: 'alice' },
  { text: 'Keep a sandbox status page', owner: 'emeka' },
  { text: 'Time-box planning to 90 minutes', owner: 'dana' },
  { text: 'Spike before estimating new PSP features', owner: 'chen' },
  { text: 'Answer review requests within 4 working hours', owner: 'bob' },
];

export const REVIEW_REACTIONS = [
  'stakeholders asked for a date for the customer rollout.',
  'finance wants the settlement numbers sooner.',
  'support liked the new console screens.',
  'good questions from legal on SCA exemptions.',
  'the demo ran against the PSP sandbox without a hitch.',
  'product asked to bring SEPA forward.',
];

/** Impediments; one whose tags match the item's is preferred, untagged ones fit anything. */
export const BLOCKED_REASONS: readonly { text: string; tags: string[] }[] = [
  { text: 'Waiting for PSP sandbox credentials', tags: [] },
  { text: 'PSP support ticket 48213: the sandbox returns 500', tags: [] },
  { text: 'Needs legal sign-off on the mandate text', tags: ['sepa'] },
  { text: "The bank's SEPA test system is down", tags: ['sepa'] },
  { text: 'Waiting for the design of the saved cards page', tags: ['vault', 'frontend'] },
  { text: 'Needs a decision from finance on rounding', tags: ['finance', 'refunds'] },
  { text: 'Waiting for legal on the PSD2 exemption rules', tags: ['sca'] },
  { text: 'Waiting for the security review', tags: ['security', 'webhooks'] },
];

export const REOPEN_REASONS = [
  'rounding error for JPY amounts',
  'fails for cards added before the migration',
  'breaks on Safari 17',
  'German translation missing',
  'edge case after a partial capture',
];

export const REESTIMATE_REASONS = [
  'the PSP API needs pagination',
  'more edge cases than expected',
  'needs a database migration',
  'two more PSP error codes to handle',
];
