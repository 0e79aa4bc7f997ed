// Node's errno codes, and the words a user reads for them ("permission denied (EACCES)")
// in the messages of the writer, the demo and the CLI's output.

const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

/** The errno code of a Node error (`EACCES`), if it has one. */
export function errCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

/** `permission denied (EACCES)`; `words` overrides the wording where the context says more. */
export function errnoText(e: unknown, words: Record<string, string> = {}): string {
  const code = errCode(e);
  if (code === undefined) return e instanceof Error ? e.message : String(e);
  const said = words[code] ?? WORDS[code];
  return said ? `${said} (${code})` : (e as Error).message || code;
}
