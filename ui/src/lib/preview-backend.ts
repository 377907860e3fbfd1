/**
 * The backend of the browser preview: `npm run dev` opened in an ordinary
 * browser, with no Tauri. Each call goes to the development server, which
 * hands it to `tasking-vault-cli api` on a fresh demo vault
 * (dev/preview-api.ts): the real rules on the demo's records. Loaded only
 * by the development server; the production build leaves it out.
 */
import { toApiError, type Backend, type CommandName, type ParamsOf, type ResultOf } from "./backend";
import type { LockedEvent } from "./bindings";
import { PREVIEW_API_PATH } from "./preview-path";

export class PreviewBackend implements Backend {
  async call<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    let answer: { ok?: ResultOf<K>; error?: unknown };
    try {
      const response = await fetch(PREVIEW_API_PATH, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ method: cmd, params: params ?? {} }),
      });
      answer = (await response.json()) as typeof answer;
    } catch {
      throw toApiError(
        "The development server does not answer. Start it again with `npm run dev` in ui/, then reload.",
      );
    }
    if ("ok" in answer) return answer.ok as ResultOf<K>;
    throw toApiError(answer.error);
  }

  /** The preview never locks by itself (the command-line tool has no idle timer). */
  async onLocked(_cb: (e: LockedEvent) => void): Promise<() => void> {
    return () => {};
  }
}
