import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/svelte";
import { closeAllTestBackends } from "./lib/test-backend";

// Unmount the screens first, then end each test's backend session and
// delete its throwaway vault.
afterEach(async () => {
  cleanup();
  await closeAllTestBackends();
});
