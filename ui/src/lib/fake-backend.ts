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
import { FakeCasebook } from "./fake-casebook";
import { FakeSigning } from "./fake-signing";
import { Refusal, chars, cleanText, londonDay, nameRule, refuse } from "./fake-rules";
import { MIN_PASSPHRASE_CHARS } from "./vault/rules";

const MAX_PASSPHRASE_CHARS = 1024;
const MAX_NAME_CHARS = 120;
const DEFAULT_REVIEW_MONTHS = 12;
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
  kiosk: "Not available while signing. The chair can leave signing with the vault passphrase.",
  notSigning: "Signing has not been started. Start it from the meeting's page.",
  kioskWrongPassphrase:
    "That passphrase is not right, so signing goes on. Only the chair can leave signing, with the vault passphrase.",
  kioskLocked:
    "That passphrase is not right, again, so the vault has locked itself. Unlock it with the passphrase to go on.",
  alreadyUnlocked: "The vault is already unlocked. To unlock it again, lock it first.",
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
  /** Today in Europe/London (`YYYY-MM-DD`); the clock starts at 14:05 UTC that day. */
  today?: string;
  reviewMonths?: number;
};

type Handler<K extends CommandName> = (params: ParamsOf<K>) => ResultOf<K>;

/** The only commands the signing kiosk answers (Rust's `KIOSK_METHODS`). */
export const KIOSK_METHODS: readonly CommandName[] = [
  "vault_status",
  "activity",
  "kiosk_view",
  "kiosk_sign",
  "kiosk_decline",
  "kiosk_leave",
];

/** Wrong passphrases at "leave signing" before the vault locks itself. */
export const KIOSK_WRONG_PASSPHRASES = 5;

/**
 * A value as it arrives on the other side of Tauri's IPC: through JSON, so
 * a screen's reactive proxies arrive as plain data, as they do in the app.
 */
function overIpc<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
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
  reviewMonths: number;
  agencies: Agency[] = [];
  /** Groups, people, meetings and actions. */
  readonly records: FakeCasebook;
  /** The agreement's versions and the registers of signatures. */
  readonly signing: FakeSigning;
  /** The meeting the kiosk is signing for, while it runs. */
  kioskMeeting: number | null = null;
  private kioskWrong = 0;
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
    this.reviewMonths = options.reviewMonths ?? DEFAULT_REVIEW_MONTHS;
    if (options.today) this.clock = Date.parse(`${options.today}T14:05:00Z`);
    this.records = new FakeCasebook({
      agency: (id) => this.agencies.find((a) => a.id === id),
      now: () => this.now(),
      today: () => this.today(),
      reviewMonths: () => this.reviewMonths,
      register: (id) => this.signing.register(id),
    });
    this.signing = new FakeSigning({
      now: () => this.now(),
      page: (id) => this.records.page(id),
      addPerson: (p) => this.records.addPerson(p),
      invite: (meetingId, personId) => {
        this.records.invite(meetingId, personId);
      },
      person: (id) => this.records.getPerson(id),
      people: () => this.records.listPeople(true),
      agencies: () => this.agencies,
    });
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
    if (this.state !== "unlocked" && this.state !== "kiosk") return;
    this.state = "locked";
    this.kioskMeeting = null;
    this.emit({ reason: "idle" });
  }

  /** Sends a `vault-locked` event as it is, for tests of the listener. */
  emit(e: LockedEvent): void {
    for (const cb of [...this.listeners]) cb({ ...e });
  }

  /** Every command the fake answers: all of `Commands`, as the types demand. */
  commandNames(): CommandName[] {
    return Object.keys(this.handlers) as CommandName[];
  }

  callsOf(cmd: CommandName): unknown[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.params);
  }

  // ----- Backend ---------------------------------------------------------

  async call<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    this.calls.push({ cmd, params: overIpc(params) });
    const gate = this.gates.get(cmd);
    await (gate ?? Promise.resolve());
    const failure = this.failures.get(cmd);
    if (failure) {
      this.failures.delete(cmd);
      throw { ...failure };
    }
    const handler = this.handlers[cmd] as Handler<K>;
    try {
      // The kiosk's rule, as Rust's `Api::gate`: before anything else.
      if (this.state === "kiosk" && !KIOSK_METHODS.includes(cmd)) refuse("kiosk_active", MESSAGES.kiosk);
      // Both cross the IPC boundary as JSON: never share objects.
      return overIpc(handler(overIpc(params)));
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

  /** Today in Europe/London, from the fake's clock. */
  today(): string {
    return londonDay(this.clock);
  }

  private status(): VaultStatus {
    return {
      state: this.state,
      vault_file: this.vaultFile,
      demo: this.demo,
      demo_passphrase: this.demo && this.state === "locked" ? this.passphrase : null,
      auto_lock_minutes: this.state === "unlocked" || this.state === "kiosk" ? this.autoLockMinutes : null,
      recovery_confirmation_pending:
        (this.state === "unlocked" || this.state === "kiosk") && this.recoveryPending,
    };
  }

  private requireUnlocked(): void {
    if (this.state === "kiosk") refuse("kiosk_active", MESSAGES.kiosk);
    if (this.state !== "unlocked") refuse("locked", MESSAGES.locked);
  }

  /** The kiosk's meeting; refused outside the kiosk. */
  private requireKiosk(): number {
    if (this.state === "kiosk" && this.kioskMeeting !== null) return this.kioskMeeting;
    if (this.state === "unlocked") refuse("kiosk_not_active", MESSAGES.notSigning);
    refuse("locked", MESSAGES.locked);
  }

  /** Runs `f` if the vault is unlocked, as every record command does. */
  private unlocked<T>(f: () => T): T {
    this.requireUnlocked();
    return f();
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
      name: cleanText(nameRule("Agency name", MAX_NAME_CHARS), input.name),
      designated_person_role: cleanText(
        nameRule("Designated Person (role)", MAX_NAME_CHARS),
        input.designated_person_role,
      ),
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
      // Rust refuses a second unlock: an ok always means the passphrase was checked.
      if (this.state === "unlocked") refuse("already_unlocked", MESSAGES.alreadyUnlocked);
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
      return { auto_lock_minutes: this.autoLockMinutes, review_months: this.reviewMonths };
    },
    settings_update: (p) => {
      this.requireUnlocked();
      // What is left out keeps its value, as in Rust.
      const m = p.auto_lock_minutes ?? this.autoLockMinutes;
      if (!Number.isInteger(m) || m < 1 || m > 60) {
        refuse(
          "invalid_input",
          "Auto-lock after (minutes): must be a whole number of minutes from 1 to 60.",
        );
      }
      const r = p.review_months ?? this.reviewMonths;
      if (!Number.isInteger(r) || r < 1 || r > 120) {
        refuse(
          "invalid_input",
          "Review meetings after (months): must be a whole number of months from 1 to 120.",
        );
      }
      this.autoLockMinutes = m;
      this.reviewMonths = r;
      return { auto_lock_minutes: m, review_months: r };
    },
    home: () => this.unlocked(() => this.records.home()),
    search: (p) => this.unlocked(() => this.records.search(p.query)),
    groups_list: (p) => this.unlocked(() => this.records.listGroups(p.include_inactive)),
    group_add: (p) => this.unlocked(() => this.records.addGroup(p)),
    group_update: (p) => this.unlocked(() => this.records.updateGroup(p.id, p.group)),
    group_set_active: (p) => this.unlocked(() => this.records.setGroupActive(p.id, p.active)),
    people_list: (p) => this.unlocked(() => this.records.listPeople(p.include_inactive)),
    person_add: (p) => this.unlocked(() => this.records.addPerson(p)),
    person_update: (p) => this.unlocked(() => this.records.updatePerson(p.id, p.person)),
    person_set_active: (p) => this.unlocked(() => this.records.setPersonActive(p.id, p.active)),
    meetings_list: (p) => this.unlocked(() => this.records.listMeetings(p)),
    meeting_get: (p) => this.unlocked(() => this.records.page(p.id)),
    meeting_plan: (p) => this.unlocked(() => this.records.planMeeting(p.meeting, p.invitees)),
    meeting_update: (p) => this.unlocked(() => this.records.updateMeeting(p.id, p.meeting)),
    meeting_set_status: (p) => this.unlocked(() => this.records.setMeetingStatus(p.id, p.status)),
    invitation_add: (p) => this.unlocked(() => this.records.invite(p.meeting_id, p.person_id)),
    invitation_remove: (p) =>
      this.unlocked(() => this.records.uninvite(p.meeting_id, p.person_id)),
    attendance_set: (p) => this.unlocked(() => this.records.setAttendance(p)),
    agenda_item_add: (p) => this.unlocked(() => this.records.addItem(p.meeting_id, p.item)),
    agenda_item_update: (p) => this.unlocked(() => this.records.updateItem(p.id, p.item)),
    agenda_item_remove: (p) => this.unlocked(() => this.records.removeItem(p.id)),
    agenda_item_move: (p) => this.unlocked(() => this.records.moveItem(p.id, p.to_position)),
    actions_list: (p) => this.unlocked(() => this.records.listActions(p)),
    action_add: (p) => this.unlocked(() => this.records.addAction(p)),
    action_update: (p) => this.unlocked(() => this.records.updateAction(p.id, p.action)),
    action_set_status: (p) => this.unlocked(() => this.records.setActionStatus(p)),
    action_updates: (p) => this.unlocked(() => this.records.actionUpdates(p.id)),
    agreement_get: () => this.unlocked(() => this.signing.current()),
    agreement_versions: () => this.unlocked(() => this.signing.versions()),
    agreement_update: (p) => this.unlocked(() => this.signing.update(p.text)),
    signature_withdraw: (p) =>
      this.unlocked(() => {
        const entry = this.signing.withdraw(p.id, p.reason);
        return this.records.page(entry.meeting_id);
      }),
    kiosk_start: (p) =>
      this.unlocked(() => {
        this.signing.start(p.meeting_id);
        const view = this.signing.view(p.meeting_id);
        this.state = "kiosk";
        this.kioskMeeting = p.meeting_id;
        this.kioskWrong = 0;
        return view;
      }),
    kiosk_view: () => this.signing.view(this.requireKiosk()),
    kiosk_sign: (p) => {
      const meeting = this.requireKiosk();
      const entry = this.signing.sign(meeting, p);
      return { name: entry.name, outcome: entry.outcome, view: this.signing.view(meeting) };
    },
    kiosk_decline: (p) => {
      const meeting = this.requireKiosk();
      const entry = this.signing.decline(meeting, p);
      return { name: entry.name, outcome: entry.outcome, view: this.signing.view(meeting) };
    },
    kiosk_leave: (p) => {
      this.requireKiosk();
      if (p.passphrase !== this.passphrase) {
        this.kioskWrong += 1;
        if (this.kioskWrong >= KIOSK_WRONG_PASSPHRASES) {
          this.state = "locked";
          this.kioskMeeting = null;
          refuse("wrong_passphrase_locked", MESSAGES.kioskLocked);
        }
        refuse("wrong_passphrase", MESSAGES.kioskWrongPassphrase);
      }
      this.state = "unlocked";
      this.kioskMeeting = null;
      return this.status();
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
 * Invented records for looking at the screens on the development server:
 * one group, four people (invented names), three meetings and some actions.
 */
function seedPreviewRecords(fake: FakeBackend): FakeBackend {
  const r = fake.records;
  const agency = (prefix: string) => fake.agencies.find((a) => a.name.startsWith(prefix))?.id ?? 0;
  const group = r.addGroup({ name: "Northbrook Bronze Tasking Group", default_kind: "bronze_tasking" });
  r.addGroup({ name: "Oswestry Case Conferences", default_kind: "case_conference" });
  const person = (name: string, prefix: string, role: string) =>
    r.addPerson({ name, agency_id: agency(prefix), role, email: null }).id;
  const sergeant = person("Priya Okonkwo-Hale", "West Mercia Police", "Neighbourhood Sergeant");
  const officer = person("Tomasz Brennan", "Shropshire Council", "Anti-Social Behaviour Officer");
  const prevention = person("Ada Quill", "Shropshire Fire", "Prevention Officer");
  const probation = person("Femi Adebayo-Clarke", "National Probation", "Probation Officer");
  const plan = (date: string) =>
    r.planMeeting(
      {
        group_id: group.id,
        kind: "bronze_tasking",
        date,
        start_time: "10:00",
        venue: "Civic Centre, Room 2",
        chair_id: officer,
        minute_taker_id: sergeant,
        review_date: null,
      },
      [sergeant, officer, prevention, probation],
    ).meeting.id;
  const first = plan("2026-10-07");
  plan("2026-12-02");
  r.setMeetingStatus(first, "held");
  r.setAttendance({ meeting_id: first, person_id: sergeant, attendance: "present", written_update: false, arrived_at: null, left_at: null });
  r.setAttendance({ meeting_id: first, person_id: prevention, attendance: "apologies", written_update: true, arrived_at: null, left_at: null });
  const raise = (text: string, prefix: string, owner: number | null, due: string) =>
    r.addAction({ text, owner_agency_id: agency(prefix), owner_person_id: owner, due_date: due, raised_meeting_id: first, raised_item_id: null });
  raise("Letter to landlord of 14 Mill Lane about repeated noise", "Shropshire Council", officer, "2026-11-01");
  raise("Check CCTV coverage at Station Road park", "West Mercia Police", sergeant, "2026-12-15");
  raise("Home fire safety visit to the flats above the parade", "Shropshire Fire", null, "2026-11-30");
  return fake;
}

/**
 * For the development server in a plain browser: `?preview=unlocked`,
 * `?preview=demo` (locked demo vault) or nothing (no vault yet).
 */
export function previewBackend(kind: string | null): FakeBackend {
  switch (kind) {
    case "unlocked":
      return seedPreviewRecords(new FakeBackend({ state: "unlocked", agencies: APPENDIX_A }));
    case "demo":
      return seedPreviewRecords(
        new FakeBackend({
          state: "locked",
          demo: true,
          passphrase: "demo passphrase 2026",
          agencies: APPENDIX_A,
        }),
      );
    case "locked":
      return new FakeBackend({ state: "locked", agencies: APPENDIX_A });
    case "kiosk":
      return new FakeBackend({ state: "kiosk" });
    default:
      return new FakeBackend();
  }
}
