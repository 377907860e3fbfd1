/**
 * Picks the backend at start-up. Inside the Tauri app it is always the real
 * one. Only a development server opened in an ordinary browser (no Tauri)
 * gets the in-memory fake, so the screens can be looked at; the production
 * build leaves the fake out entirely.
 */
import { isTauri } from "@tauri-apps/api/core";
import { TauriBackend, type Backend } from "./backend";

export async function selectBackend(): Promise<Backend> {
  if (isTauri()) return new TauriBackend();
  if (import.meta.env.DEV) {
    const { previewBackend } = await import("./fake-backend");
    return previewBackend(new URLSearchParams(window.location.search).get("preview"));
  }
  // A production build outside Tauri has nothing to talk to; the real
  // backend will report that on its first call.
  return new TauriBackend();
}
