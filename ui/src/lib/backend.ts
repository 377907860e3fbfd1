/**
 * The one door to the Rust side. Screens and stores talk to a `Backend`;
 * the app uses `TauriBackend`; the tests (test-backend.ts) and the browser
 * preview (preview-backend.ts) run `tasking-vault-cli api`: the same Rust.
 */
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { LOCKED_EVENT, type ApiError, type Commands, type LockedEvent } from "./bindings";

export type CommandName = keyof Commands;
export type ParamsOf<K extends CommandName> = Commands[K]["params"];
export type ResultOf<K extends CommandName> = Commands[K]["result"];

export interface Backend {
  /** Runs one command. Rejects with an `ApiError` (never anything else). */
  call<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ResultOf<K>>;
  /** Subscribes to the `vault-locked` event; resolves to the unsubscribe function. */
  onLocked(cb: (e: LockedEvent) => void): Promise<() => void>;
}

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/**
 * Turns whatever a rejected call produced into an `ApiError`. Rust always
 * sends `{code, message}`; anything else (a bridge failure, a string) is
 * wrapped so screens have one shape to show.
 */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return { code: e.code, message: e.message };
  if (typeof e === "string" && e.length > 0) return { code: "unexpected", message: e };
  return {
    code: "unexpected",
    message: "Something went wrong talking to the vault. Please try again.",
  };
}

/** The real backend: Tauri commands and events. */
export class TauriBackend implements Backend {
  async call<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    try {
      return await invoke<ResultOf<K>>(cmd, { params });
    } catch (e) {
      throw toApiError(e);
    }
  }

  async onLocked(cb: (e: LockedEvent) => void): Promise<() => void> {
    return listen<LockedEvent>(LOCKED_EVENT, (event) => cb(event.payload));
  }
}

/** A call's result or Rust's refusal, for screens that show the refusal. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Runs `run`, turning a rejection into `{ ok: false, error }`. */
export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
