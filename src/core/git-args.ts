// The one rule for user-given values (refs, branch names) on a git command
// line: git reads any argument starting with `-` as an option, even where a
// revision is expected (`git log --output=FILE` truncates FILE), so such a
// value is refused before git runs. Callers also put `--end-of-options` before
// revisions where the git command supports it (git >= 2.24), and paths after `--`.

/** Thrown for a value git would read as an option (or that cannot be a name at all); nothing was run. */
export class GitArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitArgumentError';
  }
}

/**
 * `value` unchanged when it is safe as a revision or branch argument; else a
 * GitArgumentError naming `what` (e.g. "--ref") and why.
 */
export function gitNameArg(value: string, what: string): string {
  if (value === '' || value.trim() === '') throw new GitArgumentError(`${what} is empty: give a branch, tag or commit.`);
  if (value.startsWith('-')) {
    throw new GitArgumentError(`${what} '${value}' starts with '-', which git would read as an option; give a branch, tag or commit (a name cannot start with '-').`);
  }
  // eslint-disable-next-line no-control-regex -- a NUL or line break cannot be in a ref and would cut the command's input apart
  if (/[\u0000\n\r]/.test(value)) throw new GitArgumentError(`${what} ${JSON.stringify(value)} contains a line break or NUL, which no git name can.`);
  return value;
}

/** A commit id as printed by git (SHA-1 or SHA-256), for arguments that must be one. */
export function commitIdArg(value: string): string {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value)) throw new GitArgumentError(`'${value}' is not a commit id.`);
  return value;
}
