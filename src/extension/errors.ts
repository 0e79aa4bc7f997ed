// The one way the extension tells the user that something did not happen.
// Two kinds, kept apart on purpose:
// - a refusal (Refusal, and git's and restricted mode's refusals): Sprintlog
//   chose not to do what was asked and says why and what to do. A warning;
// - a failure (any other error): something broke. An error, with the stack in
//   the log.
// Both are written to the output channel and offer "Open Log". Commands, drag
// and drop and the dashboard report through reportError(); nothing else calls
// show{Error,Warning}Message for a caught error.
import * as vscode from 'vscode';
import { GitRefusal } from './git/repo';
import { UntrustedError } from './git/service';

/** The user-facing error: thrown when Sprintlog refuses a request. Its message says why and what to do. */
export class Refusal extends Error {
  override name = 'Refusal';
}

/** What a command returns when it refused or failed (tests and callers read it; the user sees the message). */
export interface Refused {
  refused: string;
}

export const OPEN_LOG = 'Open Log';

export function isRefusal(e: unknown): e is Error {
  return e instanceof Refusal || e instanceof GitRefusal || e instanceof UntrustedError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Logs `e` and shows it: a refusal as a warning with its own words, a failure as
 * an error prefixed "Sprintlog:" (with the stack in the log). `what` names the
 * action in the log (`sprintlog.setState`, `drop on PAY-12`). Does not wait for
 * the notification.
 */
export function reportError(log: vscode.LogOutputChannel, e: unknown, what: string): Refused {
  const message = errorMessage(e);
  if (isRefusal(e)) {
    log.warn(`${what} refused: ${message}`);
    void offerLog(vscode.window.showWarningMessage(message, OPEN_LOG), log);
  } else {
    log.error(`${what} failed`, e);
    void offerLog(vscode.window.showErrorMessage(`Sprintlog: ${message}`, OPEN_LOG), log);
  }
  return { refused: message };
}

async function offerLog(shown: Thenable<string | undefined>, log: vscode.LogOutputChannel): Promise<void> {
  if ((await shown) === OPEN_LOG) log.show(true);
}
