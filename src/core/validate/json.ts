// A problem as `sprintlog validate --format json` and the agents' `validate`
// tool list it: one shape, so a script and an agent read the same fields.
import type { Problem } from '../model';

export interface ProblemJson {
  file: string;
  line: number;
  column: number;
  severity: Problem['severity'];
  code: string;
  message: string;
  hint: string | null;
}

export function problemJson(p: Problem): ProblemJson {
  return { file: p.file, line: p.line, column: p.column, severity: p.severity, code: p.code, message: p.message, hint: p.hint ?? null };
}
