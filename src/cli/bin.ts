// The bundled `sprintlog` executable.
import { errnoText } from '../core/errno';
import { printableLines } from '../core/printable';
import { isPortfolioWorker, servePortfolioJobs } from './commands/portfolio-repos';
import { main } from './main';

// `sprintlog portfolio` starts this bundle again in worker threads, to analyse repositories in parallel.
if (isPortfolioWorker()) servePortfolioJobs();
else cli();

function cli(): void {
  let outClosed = false;
  let writeFailed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    outClosed = true;
    // The reader went away (`sprintlog validate | head -1`): what it wanted it has; exit quietly.
    if (e.code === 'EPIPE') return;
    writeFailed = true;
    process.exitCode = 1;
    process.stderr.write(`sprintlog: cannot write the output: ${errnoText(e, { EBADF: 'standard output is closed' })}.\n`);
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
}
