// The one acquireVsCodeApi() call of the webview (VS Code allows one per load),
// typed with the protocol: posts are WebviewToHost, state is SavedState.
import { isSavedState, type SavedState, type WebviewToHost } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: SavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

/** The saved UI state, when it has the current shape (an older one is dropped). */
export function loadState(): SavedState | undefined {
  const s = api.getState();
  return isSavedState(s) ? s : undefined;
}

export function saveState(state: SavedState): void {
  api.setState(state);
}

let nextRequest = 1;
/** Request ids for messages the host answers with a `reply`. */
export function requestId(): number {
  return nextRequest++;
}
