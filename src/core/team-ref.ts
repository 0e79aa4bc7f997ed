// `team:ID` in `depends_on`: an item of another team's repository (issue 11's
// portfolio). The team is the name `sprintlog portfolio` gives the repository
// (its folder's name or the `name:` of a --config entry), so it takes the
// characters ids take — letters, digits, `.`, `_`, `-` — and no `:`, which no id
// has. Such an entry is never looked up in this repository's backlog: the
// validator, the cycle check, Start Work and the language features leave it to
// the portfolio, which resolves it when both teams are listed.

import { ID_PATTERN } from './edit/ids';

/** The spec's id characters (edit/ids.ts ID_PATTERN, without its anchors). */
const PART = ID_PATTERN.source.slice(1, -1);
/** `pay:PAY-12`: team and id. */
export const TEAM_REF_RE = new RegExp(`^(${PART}):(${PART})$`);

export interface TeamRef {
  team: string;
  id: string;
}

/** The team and id of a `team:ID` entry; undefined for anything else (a plain id, or a malformed entry). */
export function teamRef(text: string): TeamRef | undefined {
  const m = TEAM_REF_RE.exec(text);
  return m ? { team: m[1], id: m[2] } : undefined;
}

/** Whether a `depends_on` entry names another team's item (well-formed): nothing to check here. */
export function isTeamRef(text: string): boolean {
  return TEAM_REF_RE.test(text);
}
