// The bundled `sprintlog` executable.
import { main } from './main';

main(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`sprintlog: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
