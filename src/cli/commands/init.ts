// `sprintlog init [--project KEY] [--timezone ZONE]`: commented, valid starter files
// (one example epic, item and sprint) in a repository that has no backlog yet.
import * as path from 'node:path';
import { createStarterFiles, localZone, projectKeyOf, starterFiles } from '../../core/edit/starter';
import { findRepoRoot } from '../../core/parse/workspace';
import { type Command, type CommandContext, REPO_FLAG, stringFlag } from '../command';

async function run(ctx: CommandContext): Promise<number> {
  const given = stringFlag(ctx, 'repo');
  // A folder without git yet is fine: the backlog can be committed later.
  const root = given ? path.resolve(ctx.io.cwd, given) : (findRepoRoot(ctx.io.cwd) ?? ctx.io.cwd);
  const timezone = stringFlag(ctx, 'timezone') ?? localZone();
  const project = stringFlag(ctx, 'project') ?? projectKeyOf(root);
  const files = starterFiles({ project, timezone });
  const written = createStarterFiles(root, files);
  ctx.io.out(`Created ${written.join(' and ')} in ${root} (project ${project}, time zone ${timezone}).\nNext: sprintlog validate, then commit them.\n`);
  return 0;
}

export const initCommand: Command = {
  name: 'init',
  summary: 'Create commented starter backlog/backlog.yaml and backlog/sprints.yaml (never overwrites).',
  usage: 'init [--project KEY] [--timezone ZONE] [--repo DIR]',
  details: [
    'Writes one example epic, item and sprint (starting this Monday). Refuses, writing nothing,',
    'when either file exists. KEY defaults to letters of the folder name, ZONE to this machine\'s zone.',
  ].join('\n'),
  flags: [
    { name: 'project', type: 'string', arg: 'KEY', help: 'Id prefix of the items (KEY-1, KEY-2, ...).' },
    { name: 'timezone', type: 'string', arg: 'ZONE', help: 'IANA time zone of the sprint calendar, e.g. Europe/Berlin.' },
    REPO_FLAG,
  ],
  positionals: { min: 0, max: 0 },
  run,
};
