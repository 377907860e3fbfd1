// @vitest-environment node
/// <reference types="node" />
/**
 * The browser preview's development server: it answers the page's calls on
 * a fresh demo vault through the real backend, refuses callers that are not
 * its own page, and deletes the vault when it stops.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import { createServer, type ViteDevServer } from "vite";
import { PREVIEW_API_PATH } from "./lib/preview-path";

let server: ViteDevServer;
let url: string;

function previewFolders(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith("tasking-vault-preview-"));
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, answer: (await response.json()) as Record<string, any> };
}

describe("the browser preview", () => {
  const before = previewFolders();

  beforeAll(async () => {
    // The plugin stays out of Vitest's own servers; this test wants it.
    const vitest = process.env.VITEST;
    delete process.env.VITEST;
    try {
      server = await createServer({
        configFile: "vite.config.ts",
        logLevel: "silent",
        server: { port: 0, strictPort: false, host: "127.0.0.1" },
      });
      await server.listen();
    } finally {
      process.env.VITEST = vitest;
    }
    const { port } = server.httpServer!.address() as AddressInfo;
    url = `http://127.0.0.1:${port}${PREVIEW_API_PATH}`;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it("answers on the demo vault, locked, with the demo passphrase shown, under the real rules", async () => {
    const status = await post({ method: "vault_status" });
    expect(status.status).toBe(200);
    expect(status.answer.ok).toMatchObject({ state: "locked", demo: true, vault_file: "demo.tvault" });
    const passphrase = status.answer.ok.demo_passphrase as string;
    expect(passphrase.length).toBeGreaterThan(0);

    expect((await post({ method: "home" })).answer.error.code).toBe("locked");
    expect((await post({ method: "vault_unlock", params: { passphrase: "not it" } })).answer.error.code).toBe(
      "wrong_passphrase_or_damaged",
    );
    expect((await post({ method: "vault_unlock", params: { passphrase } })).answer.ok.state).toBe("unlocked");
    const home = (await post({ method: "home" })).answer.ok;
    expect(home.next_meetings.length).toBe(2);
    expect(home.overdue_actions.length).toBe(3);
    // A rule answered by Rust, in Rust's words.
    const refused = (await post({ method: "settings_update", params: { auto_lock_minutes: 0 } })).answer.error;
    expect(refused.code).toBe("invalid_input");
    expect(refused.message).toMatch(/^Auto-lock after/);
  });

  it("refuses what is not a JSON POST from its own page", async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await post({ method: "vault_status" }, { Origin: "http://elsewhere.example" })).status).toBe(403);
    const text = await fetch(url, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" });
    expect(text.status).toBe(415);
    expect((await post({ params: {} })).status).toBe(400);
    const large = await post({ method: "vault_status", params: { pad: "x".repeat(9 * 1024 * 1024) } });
    expect(large.status).toBe(413);
    // Still answering.
    expect((await post({ method: "vault_status" })).status).toBe(200);
  });

  it("deletes its demo vault when the server stops", async () => {
    const mine = previewFolders().filter((n) => !before.includes(n));
    expect(mine).toHaveLength(1);
    await server.close();
    await expect.poll(() => existsSync(`${tmpdir()}/${mine[0]}`)).toBe(false);
  });
});
