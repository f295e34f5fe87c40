// How commands fail: one helper logs and shows every error; a user's cancel is not an error.

import * as vscode from 'vscode';

/** Thrown when the user dismisses a prompt or cancels a progress notification. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Throws `Cancelled` when `value` is undefined (a dismissed QuickPick or InputBox). */
export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}

/** Throws `Cancelled` when the user cancelled the operation `token` belongs to. */
export function checkCancelled(token: vscode.CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new Cancelled();
}

/**
 * Runs a command's body: a cancel is logged and otherwise ignored; any other error is logged with
 * its stack and shown with a button that opens the log. Never throws.
 */
export async function reportErrors(log: vscode.LogOutputChannel, title: string, body: () => Promise<unknown>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof Cancelled || error instanceof vscode.CancellationError) {
      log.info(`${title}: cancelled`);
      return;
    }
    log.error(`${title} failed:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
    // Not awaited: the command ends now, whenever the user dismisses the message.
    void vscode.window.showErrorMessage(`Fixture Scaffold: ${title} failed: ${messageOf(error)}`, 'Open Log').then((choice) => {
      if (choice === 'Open Log') log.show();
    });
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
