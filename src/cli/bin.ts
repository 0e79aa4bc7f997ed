// The bundled `sprintlog` executable.
import { printableLines } from '../core/printable';
import { main } from './main';

/** Why stdout could not be written, in words (the Node error codes of a full disk, a lost device...). */
const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EBADF: 'standard output is closed',
};

let outClosed = false;
let writeFailed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  outClosed = true;
  // The reader went away (`sprintlog validate | head -1`): what it wanted it has; exit quietly.
  if (e.code === 'EPIPE') return;
  writeFailed = true;
  process.exitCode = 1;
  const why = WRITE_FAILURES[e.code ?? ''] ?? e.message;
  process.stderr.write(`sprintlog: cannot write the output: ${why}${e.code ? ` (${e.code})` : ''}.\n`);
});
// When stderr itself is gone there is nowhere left to say anything.
process.stderr.on('error', () => undefined);

main(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (t) => {
    if (!outClosed) process.stdout.write(t);
  },
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = writeFailed ? 1 : code;
  },
  (e: unknown) => {
    process.stderr.write(`sprintlog: ${printableLines(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = 1;
  },
);
