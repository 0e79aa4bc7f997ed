// Every CLI command, in the order --help lists them. Add a command by adding its file here.
import type { Command } from '../command';
import { addCommand } from './add';
import { demoCommand } from './demo';
import { forecastCommand } from './forecast';
import { healthCommand } from './health';
import { initCommand } from './init';
import { kpisCommand } from './kpis';
import { mcpCommand } from './mcp';
import { metricsCommand } from './metrics';
import { moveCommand } from './move';
import { portfolioCommand } from './portfolio';
import { reportCommand } from './report';
import { retroCommand } from './retro';
import { reviewCommand } from './review';
import { setCommand } from './set';
import { validateCommand } from './validate';

export const COMMANDS: Command[] = [validateCommand, metricsCommand, reportCommand, healthCommand, forecastCommand, kpisCommand, portfolioCommand, reviewCommand, retroCommand, setCommand, addCommand, moveCommand, initCommand, demoCommand, mcpCommand];
