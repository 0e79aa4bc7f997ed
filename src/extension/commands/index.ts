// Registers every command of the table (table.ts) with its handler. Writing
// commands are refused in an untrusted workspace here too, not only hidden by
// when-clauses (a keybinding or another extension can still call them).
import * as vscode from 'vscode';
import { Refusal, reportError, type Refused } from '../errors';
import * as ceremonies from './ceremonies';
import { createBacklog } from './createBacklog';
import { OPEN_DASHBOARD } from '../dashboard';
import * as items from './itemCommands';
import type { Handler } from './itemCommands';
import { newItem } from './newItem';
import type { Services } from './services';
import { startWork } from './startWork';
import { COMMANDS, type CommandId } from './table';
import * as viewCmds from './viewCommands';

const HANDLERS: Record<CommandId, Handler> = {
  'sprintlog.refresh': viewCmds.refresh,
  'sprintlog.openDashboard': async (_s, args) => vscode.commands.executeCommand(OPEN_DASHBOARD, ...args),
  'sprintlog.pickSprint': viewCmds.pickSprint,
  'sprintlog.groupBy': viewCmds.groupBy,
  'sprintlog.filter': viewCmds.filter,
  'sprintlog.editFilter': viewCmds.filter,
  'sprintlog.clearFilter': viewCmds.clearFilter,
  'sprintlog.newItem': newItem,
  'sprintlog.startWork': startWork,
  'sprintlog.setState': items.setState,
  'sprintlog.moveToSprint': items.moveToSprint,
  'sprintlog.estimate': items.estimate,
  'sprintlog.assign': items.assign,
  'sprintlog.assignToMe': items.assignToMe,
  'sprintlog.editTitle': items.editTitle,
  'sprintlog.setBlocked': items.setBlocked,
  'sprintlog.clearBlocked': items.clearBlocked,
  'sprintlog.addDependency': items.addDependency,
  'sprintlog.revealInYaml': viewCmds.revealInYaml,
  'sprintlog.copyId': viewCmds.copyId,
  'sprintlog.deleteItem': items.deleteItem,
  'sprintlog.addReviewRating': ceremonies.addReviewRating,
  'sprintlog.addRetroNote': ceremonies.addRetroNote,
  'sprintlog.addRetroAction': ceremonies.addRetroAction,
  'sprintlog.closeRetroAction': ceremonies.closeRetroAction,
  'sprintlog.createBacklog': createBacklog,
  'sprintlog.goToError': viewCmds.goToError,
};

export function registerCommands(context: vscode.ExtensionContext, s: Services): void {
  for (const spec of COMMANDS) {
    const handler = HANDLERS[spec.id];
    context.subscriptions.push(
      vscode.commands.registerCommand(spec.id, async (...args: unknown[]) => {
        try {
          if (spec.writes && !vscode.workspace.isTrusted) throw new Refusal(`${spec.title.replace(/…$/, '')}: Sprintlog does not change files or run git in a restricted workspace. Trust the workspace first.`);
          return await handler(s, args);
        } catch (e) {
          return reportError(s.log, e, spec.id) satisfies Refused;
        }
      }),
    );
  }
}
