// Every CLI command, in the order --help lists them. Add a command by adding its file here.
import type { Command } from '../command';
import { addCommand } from './add';
import { demoCommand } from './demo';
import { initCommand } from './init';
import { mcpCommand } from './mcp';
import { metricsCommand } from './metrics';
import { moveCommand } from './move';
import { reportCommand } from './report';
import { setCommand } from './set';
import { validateCommand } from './validate';

export const COMMANDS: Command[] = [validateCommand, metricsCommand, reportCommand, setCommand, addCommand, moveCommand, initCommand, demoCommand, mcpCommand];
