/// <reference types="node" />
/**
 * The browser preview's backend, inside the development server only
 * (`apply: "serve"`): at start it writes a fresh demo vault of invented data
 * to a temporary folder and runs `tasking-vault-cli api` on it, locked, in
 * demo mode (the unlock screen shows the demo passphrase); then it answers
 * the page's calls (src/lib/preview-backend.ts) by passing each one to that
 * session. The same Rust as the app: the real rules on the demo's records.
 *
 * Answers only POSTs of JSON from this server's own pages, addressed to it
 * by its loopback name (so a page of another site, or a DNS name rebound to
 * 127.0.0.1, cannot use it). The vault and its folder are deleted when the
 * server stops.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plugin } from "vite";
import { PREVIEW_API_PATH } from "../src/lib/preview-path.ts";
import { CliSession, cliBinary, runCli } from "./cli-session.ts";

/** Largest request body taken (a signature's points are the largest calls). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

type Preview = { session: CliSession; dir: string };

async function startPreview(): Promise<Preview> {
  cliBinary();
  const dir = mkdtempSync(join(tmpdir(), "tasking-vault-preview-"));
  const file = join(dir, "demo.tvault");
  // Invented data in a throwaway folder: a low work factor keeps start-up quick.
  await runCli(["demo", file, "--work-factor", "10"]);
  const session = new CliSession(file, ["--locked", "--demo"]);
  // Ctrl-C or a kill ends the server without waiting for `close`: the
  // folder still goes (the vault holds only ciphertext, but it is litter).
  process.once("exit", () => {
    session.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  // Node's default for Ctrl-C ends the process without its "exit" event.
  process.once("SIGINT", () => process.exit(130));
  return { session, dir };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}

function refusal(message: string) {
  return { error: { code: "bad_request", message } };
}

/** Whether the request comes from this server's own page, on loopback. */
function fromOwnPage(req: IncomingMessage): boolean {
  const loopback = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(req.socket.remoteAddress ?? "");
  const host = req.headers.host ?? "";
  const ownHost = /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host);
  const origin = req.headers.origin;
  const ownOrigin = origin === undefined || origin === `http://${host}`;
  return loopback && ownHost && ownOrigin;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString("utf8") : null));
    req.on("error", reject);
  });
}

export function previewApi(): Plugin {
  let preview: Promise<Preview> | null = null;
  return {
    name: "tasking-vault-preview-api",
    apply: "serve",
    configureServer(server) {
      // Vitest runs this config too; its tests start backends of their own.
      if (process.env.VITEST) return;
      preview = startPreview();
      preview.then(
        () => server.config.logger.info("  Preview: the demo vault, on tasking-vault-cli (real rules, invented data)"),
        (e: Error) => server.config.logger.error(`  Preview: ${e.message}`),
      );
      server.httpServer?.once("close", () => {
        void preview?.then(async ({ session, dir }) => {
          await session.close();
          rmSync(dir, { recursive: true, force: true });
        });
      });
      server.middlewares.use(PREVIEW_API_PATH, (req, res) => {
        void (async () => {
          if (req.method !== "POST") return send(res, 405, refusal("Only POST is answered here."));
          if (!fromOwnPage(req)) return send(res, 403, refusal("Only the preview's own page may call this."));
          if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
            return send(res, 415, refusal("Requests must be JSON."));
          }
          const body = await readBody(req);
          if (body === null) return send(res, 413, refusal("The request is too large."));
          let call: { method?: unknown; params?: unknown };
          try {
            call = JSON.parse(body) as typeof call;
          } catch {
            return send(res, 400, refusal("The request is not JSON."));
          }
          if (typeof call.method !== "string") return send(res, 400, refusal("The request names no method."));
          try {
            const { session } = await (preview ?? Promise.reject(new Error("The preview did not start.")));
            send(res, 200, await session.request({ method: call.method, params: call.params ?? {} }));
          } catch (e) {
            send(res, 503, { error: { code: "unexpected", message: (e as Error).message } });
          }
        })();
      });
    },
  };
}
