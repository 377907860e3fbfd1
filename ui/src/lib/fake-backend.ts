/**
 * An in-memory stand-in for the Rust side, following the same rules as the
 * shell: which commands each vault state allows, the passphrase and text
 * rules, and the messages a chair would see. Used by the Vitest tests and by
 * the development server when it is opened in a plain browser.
 *
 * Nothing here is persisted anywhere.
 */
import type { Backend, CommandName, ParamsOf, ResultOf } from "./backend";
import type {
  Agency,
  AgencyInput,
  ApiError,
  LockedEvent,
  VaultState,
  VaultStatus,
} from "./bindings";
import { MIN_PASSPHRASE_CHARS } from "./vault/rules";

const MAX_PASSPHRASE_CHARS = 1024;
const MAX_NAME_CHARS = 120;
const DEFAULT_AUTO_LOCK_MINUTES = 5;
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

export const MESSAGES = {
  wrongPassphrase:
    "Wrong passphrase, or the vault file is damaged: the two cannot be told apart. " +
    "Check the passphrase (Caps Lock?) and try again; if it still fails, use the recovery secret.",
  weakPassphrase:
    "The passphrase must be at least 10 characters long. A short sentence you can remember works well.",
  passphrasesDiffer: "The two passphrases are different. Type the same passphrase in both fields.",
  newPassphrasesDiffer:
    "The two new passphrases are different. Type the same new passphrase in both fields.",
  locked: "The vault is locked. Unlock it with the passphrase first.",
  notFound: "No vault file was found at that location. Check the path, or create a new vault.",
  kiosk: "Not allowed while signing.",
  vaultExists: "A vault already exists here. Unlock it instead of creating a new one.",
} as const;

export type FakeOptions = {
  state?: VaultState;
  /** The vault's passphrase when starting locked or unlocked. */
  passphrase?: string;
  demo?: boolean;
  vaultFile?: string;
  agencies?: Array<AgencyInput & { active?: boolean }>;
  autoLockMinutes?: number;
  recoveryConfirmationPending?: boolean;
};

type Handler<K extends CommandName> = (params: ParamsOf<K>) => ResultOf<K>;

class Refusal {
  constructor(readonly error: ApiError) {}
}

function refuse(code: string, message: string): never {
  throw new Refusal({ code, message });
}

function chars(s: string): number {
  return [...s].length;
}

/** The text rule for one-line names (casebook `TextRule::name`). */
function cleanName(field: string, input: string): string {
  const text = input.trim().normalize("NFC");
  if (text === "") refuse("invalid_input", `${field}: must not be empty. Please fill it in.`);
  const n = chars(text);
  if (n > MAX_NAME_CHARS) {
    refuse(
      "invalid_input",
      `${field}: is too long (${n} characters; at most ${MAX_NAME_CHARS}). Please shorten it.`,
    );
  }
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(text)) {
    refuse(
      "invalid_input",
      `${field}: contains an invisible control character (often pasted from another document). Please retype it rather than pasting.`,
    );
  }
  if (/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(text)) {
    refuse(
      "invalid_input",
      `${field}: contains an invisible text-direction character (often pasted from another document). Please retype it rather than pasting.`,
    );
  }
  return text;
}

function checkNewPassphrase(passphrase: string): void {
  const n = chars(passphrase);
  if (n < MIN_PASSPHRASE_CHARS) refuse("weak_passphrase", MESSAGES.weakPassphrase);
  if (n > MAX_PASSPHRASE_CHARS) {
    refuse("weak_passphrase", "The passphrase must be at most 1,024 characters long.");
  }
}

function randomSecret(): string {
  const bytes = new Uint8Array(58);
  crypto.getRandomValues(bytes);
  let body = "";
  for (const b of bytes) body += BECH32[b % 32];
  return `AGE-SECRET-KEY-1${body}`;
}

export class FakeBackend implements Backend {
  state: VaultState;
  passphrase: string | null;
  demo: boolean;
  /** The file name only, as Rust sends it. */
  vaultFile: string;
  recoveryPending: boolean;
  autoLockMinutes: number;
  agencies: Agency[] = [];
  /** Every call made, in order (params as sent). */
  readonly calls: Array<{ cmd: CommandName; params: unknown }> = [];
  private listeners = new Set<(e: LockedEvent) => void>();
  private failures = new Map<CommandName, ApiError>();
  private gates = new Map<CommandName, Promise<void>>();
  private nextId = 1;
  private clock = Date.parse("2026-11-25T14:05:00Z");

  constructor(options: FakeOptions = {}) {
    this.state = options.state ?? "no_vault";
    this.passphrase =
      this.state === "no_vault" ? null : (options.passphrase ?? "correct horse battery");
    this.demo = options.demo ?? false;
    this.vaultFile = options.vaultFile ?? "vault.tvault";
    this.recoveryPending = options.recoveryConfirmationPending ?? false;
    this.autoLockMinutes = options.autoLockMinutes ?? DEFAULT_AUTO_LOCK_MINUTES;
    for (const a of options.agencies ?? []) {
      const agency = this.insert(a);
      agency.active = a.active ?? true;
    }
  }

  // ----- test controls -------------------------------------------------

  /** The next call of `cmd` rejects with `error` (once). */
  failNext(cmd: CommandName, error: ApiError): void {
    this.failures.set(cmd, error);
  }

  /** Holds every call of `cmd` until the returned function is called. */
  hold(cmd: CommandName): () => void {
    let release!: () => void;
    this.gates.set(
      cmd,
      new Promise<void>((resolve) => {
        release = () => {
          this.gates.delete(cmd);
          resolve();
        };
      }),
    );
    return release;
  }

  /** Locks as Rust's idle timer would, and sends the event. */
  idleLock(): void {
    if (this.state !== "unlocked") return;
    this.state = "locked";
    this.emit({ reason: "idle" });
  }

  /** Sends a `vault-locked` event as it is, for tests of the listener. */
  emit(e: LockedEvent): void {
    for (const cb of [...this.listeners]) cb({ ...e });
  }

  callsOf(cmd: CommandName): unknown[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.params);
  }

  // ----- Backend ---------------------------------------------------------

  async call<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    this.calls.push({ cmd, params: structuredClone(params) });
    const gate = this.gates.get(cmd);
    await (gate ?? Promise.resolve());
    const failure = this.failures.get(cmd);
    if (failure) {
      this.failures.delete(cmd);
      throw { ...failure };
    }
    const handler = this.handlers[cmd] as Handler<K>;
    try {
      // Results cross the IPC boundary as JSON: never share objects.
      return structuredClone(handler(structuredClone(params)));
    } catch (e) {
      if (e instanceof Refusal) throw { ...e.error };
      throw e;
    }
  }

  async onLocked(cb: (e: LockedEvent) => void): Promise<() => void> {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  // ----- rules -----------------------------------------------------------

  private now(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  private status(): VaultStatus {
    return {
      state: this.state,
      vault_file: this.vaultFile,
      demo: this.demo,
      demo_passphrase: this.demo && this.state === "locked" ? this.passphrase : null,
      auto_lock_minutes: this.state === "unlocked" ? this.autoLockMinutes : null,
      recovery_confirmation_pending: this.state === "unlocked" && this.recoveryPending,
    };
  }

  private requireUnlocked(): void {
    if (this.state === "kiosk") refuse("not_allowed_while_signing", MESSAGES.kiosk);
    if (this.state !== "unlocked") refuse("locked", MESSAGES.locked);
  }

  private find(id: number): Agency {
    const agency = this.agencies.find((a) => a.id === id);
    if (!agency) refuse("not_found", "That agency no longer exists. Refresh the list and try again.");
    return agency;
  }

  private refuseDuplicate(name: string, except: number | null): void {
    const lower = name.toLowerCase();
    if (this.agencies.some((a) => a.id !== except && a.name.toLowerCase() === lower)) {
      refuse(
        "conflict",
        `An agency called \u201C${name}\u201D is already in the directory. Edit that one, or use a different name.`,
      );
    }
  }

  private clean(input: AgencyInput): AgencyInput {
    return {
      name: cleanName("Agency name", input.name),
      designated_person_role: cleanName("Designated Person (role)", input.designated_person_role),
    };
  }

  private insert(input: AgencyInput): Agency {
    const clean = this.clean(input);
    this.refuseDuplicate(clean.name, null);
    const now = this.now();
    const agency: Agency = {
      id: this.nextId++,
      ...clean,
      active: true,
      created_at: now,
      updated_at: now,
    };
    this.agencies.push(agency);
    return agency;
  }

  private readonly handlers: { [K in CommandName]: Handler<K> } = {
    vault_status: () => this.status(),
    vault_create: (p) => {
      if (this.state !== "no_vault") refuse("vault_exists", MESSAGES.vaultExists);
      if (p.passphrase !== p.passphrase_again) {
        refuse("passphrases_differ", MESSAGES.passphrasesDiffer);
      }
      checkNewPassphrase(p.passphrase);
      this.passphrase = p.passphrase;
      this.state = "unlocked";
      this.recoveryPending = true;
      // A new vault starts with the Arrangement's partners (schema migration 1).
      for (const a of APPENDIX_A) this.insert(a);
      return { recovery_secret: randomSecret(), vault_file: this.vaultFile };
    },
    vault_confirm_recovery_saved: () => {
      this.requireUnlocked();
      this.recoveryPending = false;
      return this.status();
    },
    vault_unlock: (p) => {
      if (this.state === "unlocked") return this.status();
      if (this.state === "no_vault") refuse("vault_not_found", MESSAGES.notFound);
      if (this.state === "kiosk") refuse("not_allowed_while_signing", MESSAGES.kiosk);
      if (p.passphrase !== this.passphrase) {
        refuse("wrong_passphrase_or_damaged", MESSAGES.wrongPassphrase);
      }
      this.state = "unlocked";
      // Rust only asks for the confirmation straight after creating.
      this.recoveryPending = false;
      return this.status();
    },
    vault_lock: () => {
      // Rust sends the event only when it locks by itself (idle).
      if (this.state === "unlocked") this.state = "locked";
      return this.status();
    },
    vault_change_passphrase: (p) => {
      if (p.new_passphrase !== p.new_passphrase_again) {
        refuse("passphrases_differ", MESSAGES.newPassphrasesDiffer);
      }
      this.requireUnlocked();
      if (p.current !== this.passphrase) {
        refuse("wrong_passphrase_or_damaged", MESSAGES.wrongPassphrase);
      }
      checkNewPassphrase(p.new_passphrase);
      this.passphrase = p.new_passphrase;
      return null;
    },
    activity: () => {
      // Rust notes activity in any state.
      return null;
    },
    agencies_list: (p) => {
      this.requireUnlocked();
      return this.agencies
        .filter((a) => a.active || p.include_inactive)
        .sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" }));
    },
    agency_add: (p) => {
      this.requireUnlocked();
      return this.insert(p);
    },
    agency_update: (p) => {
      this.requireUnlocked();
      const agency = this.find(p.id);
      const clean = this.clean(p);
      this.refuseDuplicate(clean.name, p.id);
      Object.assign(agency, clean, { updated_at: this.now() });
      return agency;
    },
    agency_set_active: (p) => {
      this.requireUnlocked();
      const agency = this.find(p.id);
      agency.active = p.active;
      agency.updated_at = this.now();
      return agency;
    },
    settings_get: () => {
      this.requireUnlocked();
      return { auto_lock_minutes: this.autoLockMinutes };
    },
    settings_update: (p) => {
      this.requireUnlocked();
      const m = p.auto_lock_minutes;
      if (!Number.isInteger(m) || m < 1 || m > 60) {
        refuse(
          "invalid_input",
          "Auto-lock after (minutes): must be a whole number of minutes from 1 to 60.",
        );
      }
      this.autoLockMinutes = m;
      return { auto_lock_minutes: m };
    },
  };
}

/** The partners of the Arrangement's Appendix A, roles only. */
export const APPENDIX_A: AgencyInput[] = [
  ["Shropshire Council", "Data Protection Officer"],
  ["West Mercia Police (Shropshire Division)", "Local Policing Commander Superintendent"],
  ["Shropshire Clinical Commissioning Group", "Executive Director of Quality"],
  ["National Probation Service", "Head of West Mercia Cluster"],
  ["Warwickshire and West Mercia CRC", "Head of Service"],
  ["Shropshire Fire and Rescue Service", "Prevention Manager"],
  ["West Mercia Youth Justice Service", "West Mercia Head of Service"],
].map(([name, designated_person_role]) => ({
  name: name as string,
  designated_person_role: designated_person_role as string,
}));

/**
 * For the development server in a plain browser: `?preview=unlocked`,
 * `?preview=demo` (locked demo vault) or nothing (no vault yet).
 */
export function previewBackend(kind: string | null): FakeBackend {
  switch (kind) {
    case "unlocked":
      return new FakeBackend({ state: "unlocked", agencies: APPENDIX_A });
    case "demo":
      return new FakeBackend({
        state: "locked",
        demo: true,
        passphrase: "demo passphrase 2026",
        agencies: APPENDIX_A,
      });
    case "locked":
      return new FakeBackend({ state: "locked", agencies: APPENDIX_A });
    case "kiosk":
      return new FakeBackend({ state: "kiosk" });
    default:
      return new FakeBackend();
  }
}
