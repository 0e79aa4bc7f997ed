// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the
// command line) and prints their figures. Benchmarks report ratios against a
// baseline measured in the same process; they never assert timings.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Bench = () => Promise<string[]>;

async function run(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort()
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as { default: Bench };
    console.log(`\n## ${file.replace('.bench.ts', '')}`);
    for (const line of await mod.default()) console.log(line);
  }
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
