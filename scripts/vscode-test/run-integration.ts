// CLI entry of the integration runner (run with tsx); the work is in
// test/integration/runner/integration.ts, which tsc type-checks with the tests.
import { prepareOnly, runIntegration, USAGE } from '../../test/integration/runner/integration';

function main(argv: string[]): Promise<number> | number {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.includes('--untrusted') && argv.includes('--test-cli')) throw new Error(`--untrusted and --test-cli do not combine\n${USAGE}`);
  const prepareDir = value('--prepare-only');
  if (prepareDir) return prepareOnly(prepareDir).then(() => 0);
  const timeoutSeconds = Number(value('--timeout') ?? process.env.SPRINTLOG_TEST_TIMEOUT ?? 600);
  if (!(timeoutSeconds > 0)) throw new Error(`--timeout must be a number of seconds\n${USAGE}`);
  return runIntegration({
    grep: value('--grep'),
    keep: argv.includes('--keep'),
    timeoutMs: timeoutSeconds * 1000,
    testCli: argv.includes('--test-cli'),
    untrusted: argv.includes('--untrusted'),
  });
}

Promise.resolve()
  .then(() => main(process.argv.slice(2)))
  .then((code) => process.exit(code))
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
