/**
 * Picks the backend at start-up. Inside the Tauri app it is always the real
 * one. Only a development server opened in an ordinary browser (no Tauri)
 * gets the preview backend: the same Rust, run by the development server as
 * `tasking-vault-cli api` on a demo vault. The production build leaves the
 * preview out entirely.
 */
import { isTauri } from "@tauri-apps/api/core";
import { TauriBackend, type Backend } from "./backend";

export async function selectBackend(): Promise<Backend> {
  if (isTauri()) return new TauriBackend();
  if (import.meta.env.DEV) {
    const { PreviewBackend } = await import("./preview-backend");
    return new PreviewBackend();
  }
  // A production build outside Tauri has nothing to talk to; the real
  // backend will report that on its first call.
  return new TauriBackend();
}
