// Every CLI command, in the order --help lists them. Add a command by adding its file here.
import type { Command } from '../command';
import { metricsCommand } from './metrics';

export const COMMANDS: Command[] = [metricsCommand];
