// Who "me" is (pure: no vscode, unit-tested). Backlogs name people by handle (`dana`)
// while git knows "Dana Kowalski" <dana.k@…>; "Mine", Assign to Me and Start Work must
// use the team's handle. In order:
//  1. the `sprintlog.me` setting;
//  2. a handle already used in the backlog that is the git user.name itself, the local
//     part of the git user.email, or the first word of the user.name (case-insensitive);
//  3. the git user.name as it is.

export interface Me {
  name: string;
  /** Where it came from, shown in the pickers. */
  why: string;
}

const lower = (s: string): string => s.trim().toLowerCase();

/** The forms of a git identity a handle may match, most specific first. */
function identityForms(gitName?: string, gitEmail?: string): string[] {
  const forms: string[] = [];
  if (gitName) forms.push(lower(gitName));
  if (gitEmail && gitEmail.includes('@')) forms.push(lower(gitEmail.split('@')[0]));
  if (gitName) forms.push(lower(gitName.split(/\s+/)[0]));
  return forms.filter(Boolean);
}

export function resolveMe(setting: string | undefined, gitName: string | undefined, gitEmail: string | undefined, handles: readonly string[]): Me | undefined {
  if (setting?.trim()) return { name: setting.trim(), why: 'me (sprintlog.me)' };
  for (const form of identityForms(gitName, gitEmail)) {
    const handle = handles.find((h) => lower(h) === form);
    if (handle) return { name: handle, why: `me (git user ${gitName ?? gitEmail})` };
  }
  return gitName ? { name: gitName, why: 'me (git user.name)' } : undefined;
}

/** Whether a git-log author name is the person behind `handle` (then only the handle is offered). */
export function sameAs(authorName: string, handle: string): boolean {
  return identityForms(authorName).includes(lower(handle));
}
