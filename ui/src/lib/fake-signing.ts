/**
 * The confidentiality agreement and the signing kiosk for the fake
 * backend: the same rules as casebook's `agreements.rs`, `signatures.rs`
 * and `kiosk.rs`, with the same messages. Digests here are SHA-256 over the
 * entry as JSON, not Rust's encoding: the UI shows them, never checks them.
 */
import type {
  Agreement,
  DeclineInput,
  KioskView,
  MeetingPage,
  Outcome,
  Person,
  Point,
  SignInput,
  Signature,
  Signer,
} from "./bindings";
import { cleanText, conflict, invalid, nameRule, notFound, type TextRule } from "./fake-rules";

export const PAD = { width: 1000, height: 400, max_strokes: 100, max_points: 6000 } as const;
const MAX_DURATION_MS = 600_000;

/** Casebook's `agreements::DEFAULT_TEXT`, word for word. */
export const DEFAULT_AGREEMENT = `Confidentiality agreement

I attend this meeting under the Information Sharing Arrangement between the partner agencies. I agree that:

1. Information shared at this meeting is OFFICIAL, and some of it is OFFICIAL-SENSITIVE. I will handle it as such.
2. I will use the information only for the purpose of this meeting: preventing and reducing crime, disorder and anti-social behaviour, and protecting the people discussed.
3. I will not disclose any of it to a third party without the written consent of the agency that provided it.
4. Any notes I take, and the minutes I receive, will be kept securely and shared only with colleagues who need to know.
5. If I learn that information shared here is inaccurate or incomplete, I will tell the agency that provided it at the earliest opportunity.

I understand that a breach of this agreement may be reported to my agency.`;

const AGREEMENT_TEXT: TextRule = { field: "Agreement text", maxChars: 20_000, multiline: true, required: true };
const TYPED_NAME = nameRule("Typed name", 120);
const DECLINE_REASON = nameRule("Reason for declining", 500);
const WITHDRAW_REASON = nameRule("Reason for withdrawing", 500);

/** What the signing records need from the rest of the fake. */
export interface SigningHost {
  now(): string;
  page(meetingId: number): MeetingPage;
  addPerson(input: NonNullable<Signer["newcomer"]>): Person;
  invite(meetingId: number, personId: number): void;
  person(id: number): Person;
  /** Everyone, active or not. */
  people(): Person[];
  agencies(): Array<{ id: number; name: string; active: boolean }>;
}

/** Casebook's `signatures::check_strokes`, same order, same words. */
export function checkStrokes(strokes: Point[][]): void {
  const F = "Signature";
  const points = strokes.reduce((n, s) => n + s.length, 0);
  if (points === 0) invalid(F, 'is empty. Please sign in the box, or choose "Type my name instead".');
  if (strokes.some((s) => s.length === 0)) {
    invalid(F, "has a stroke with no points. Please clear it and sign again.");
  }
  if (strokes.length > PAD.max_strokes) {
    invalid(F, `has too many strokes (at most ${PAD.max_strokes}). Please clear it and sign again.`);
  }
  if (points > PAD.max_points) {
    invalid(F, `is too detailed (at most ${PAD.max_points} points). Please clear it and sign again.`);
  }
  let last = 0;
  for (const [x, y, t] of strokes.flat()) {
    if (x > PAD.width || y > PAD.height || x < 0 || y < 0) {
      invalid(F, "goes outside the signing box. Please clear it and sign again.");
    }
    if (t < last) invalid(F, "has points out of time order. Please clear it and sign again.");
    last = t;
  }
  if (last > MAX_DURATION_MS) invalid(F, "took too long to draw. Please clear it and sign again.");
  const [fx, fy] = strokes.flat()[0]!;
  if (strokes.flat().every(([x, y]) => x === fx && y === fy)) {
    invalid(F, "is a single dot. Please sign in the box.");
  }
}

export class FakeSigning {
  readonly agreements: Agreement[] = [];
  readonly entries: Signature[] = [];
  private nextId = 1;

  constructor(private readonly host: SigningHost) {}

  private seed(): void {
    if (this.agreements.length === 0) {
      this.agreements.push({
        version: 1,
        text: DEFAULT_AGREEMENT,
        sha256: sha256Hex(DEFAULT_AGREEMENT),
        created_at: "2026-11-01T09:00:00Z",
      });
    }
  }

  current(): Agreement {
    this.seed();
    return this.agreements[this.agreements.length - 1]!;
  }

  versions(): Agreement[] {
    this.seed();
    return [...this.agreements].reverse();
  }

  update(text: string): Agreement {
    const clean = cleanText(AGREEMENT_TEXT, text);
    const latest = this.current();
    if (latest.text === clean) conflict("The agreement text is unchanged, so no new version was made.");
    const a: Agreement = {
      version: latest.version + 1,
      text: clean,
      sha256: sha256Hex(clean),
      created_at: this.host.now(),
    };
    this.agreements.push(a);
    return a;
  }

  register(meetingId: number): Signature[] {
    return this.entries.filter((e) => e.meeting_id === meetingId);
  }

  private standing(meetingId: number, personId: number): Signature | undefined {
    return this.entries.find(
      (e) => e.meeting_id === meetingId && e.person_id === personId && e.withdrawn_at === null,
    );
  }

  view(meetingId: number): KioskView {
    const page = this.host.page(meetingId);
    return {
      meeting_id: meetingId,
      group_name: page.meeting.group_name,
      kind: page.meeting.kind,
      date: page.meeting.date,
      agreement: this.current(),
      attendees: page.invitations
        .map((i) => {
          const s = this.standing(meetingId, i.person_id);
          return {
            person_id: i.person_id,
            name: i.name,
            agency_name: i.agency_name,
            role: i.role,
            attendance: i.attendance,
            state: !s ? ("waiting" as const) : s.outcome === "declined" ? ("declined" as const) : ("signed" as const),
          };
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      agencies: this.host
        .agencies()
        .filter((a) => a.active)
        .map((a) => ({ id: a.id, name: a.name }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      pad: { ...PAD },
    };
  }

  /** Refuses a cancelled meeting, as `record_kiosk` does. */
  start(meetingId: number): void {
    if (this.host.page(meetingId).meeting.status === "cancelled") {
      conflict(
        "This meeting is cancelled, so nobody can sign for it. Set its status back to planned first if it is going ahead.",
      );
    }
  }

  sign(meetingId: number, input: SignInput): Signature {
    let outcome: Outcome;
    let typed: string | null = null;
    if (input.method === "drawn") {
      if ((input.typed_name ?? "").trim() !== "") {
        invalid("Typed name", "goes only with a typed signature. Please clear it, or choose the typed signature.");
      }
      checkStrokes(input.strokes ?? []);
      outcome = "drawn";
    } else {
      if ((input.strokes ?? []).length > 0) {
        invalid("Signature", "goes only with a drawn signature. Please clear the pad, or draw instead.");
      }
      typed = cleanText(TYPED_NAME, input.typed_name ?? "");
      outcome = "typed";
    }
    return this.record(meetingId, input.signer, outcome, typed, null, input.method === "drawn" ? input.strokes : []);
  }

  decline(meetingId: number, input: DeclineInput): Signature {
    const reason = cleanText(DECLINE_REASON, input.reason);
    return this.record(meetingId, input.signer, "declined", null, reason, []);
  }

  private record(
    meetingId: number,
    signer: Signer,
    outcome: Outcome,
    typed: string | null,
    reason: string | null,
    strokes: Point[][] | undefined,
  ): Signature {
    const hasId = signer.person_id !== null && signer.person_id !== undefined;
    const newcomer = signer.newcomer ?? null;
    if (hasId === (newcomer !== null)) {
      invalid("Who is signing", 'choose your name from the list, or fill in "Someone not on the list".');
    }
    const page = this.host.page(meetingId);
    if (page.meeting.status === "cancelled") conflict("This meeting is cancelled, so nobody can sign for it.");
    let personId: number;
    if (hasId) {
      personId = signer.person_id as number;
      if (!page.invitations.some((i) => i.person_id === personId)) {
        invalid("Who is signing", 'is not on this meeting\'s list. Choose "Someone not on the list" instead.');
      }
    } else {
      // Someone already known (same name, any ASCII case, same agency) is
      // not added twice, as in Rust.
      const n = newcomer!;
      const known = this.host
        .people()
        .filter((p) => p.name.toLowerCase() === n.name.trim().normalize("NFC").toLowerCase() && p.agency_id === n.agency_id)
        .sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id)[0];
      personId = known ? known.id : this.host.addPerson(n).id;
      if (!page.invitations.some((i) => i.person_id === personId)) this.host.invite(meetingId, personId);
    }
    if (this.standing(meetingId, personId)) {
      conflict(
        "This person has already signed or declined for this meeting. If that was a mistake, the chair can withdraw it after leaving the signing screen.",
      );
    }
    const p = this.host.person(personId);
    const agreement = this.current();
    const entry: Signature = {
      id: this.nextId++,
      meeting_id: meetingId,
      person_id: personId,
      name: p.name,
      agency_id: p.agency_id,
      agency_name: p.agency_name,
      role: p.role,
      agreement_version: agreement.version,
      agreement_sha256: agreement.sha256,
      at: this.host.now(),
      outcome,
      typed_name: typed,
      decline_reason: reason,
      strokes: strokes ?? [],
      digest: "",
      withdrawn_at: null,
      withdrawn_reason: null,
    };
    entry.digest = sha256Hex(JSON.stringify(entry));
    this.entries.push(entry);
    return entry;
  }

  withdraw(id: number, reason: string): Signature {
    const clean = cleanText(WITHDRAW_REASON, reason);
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) notFound("signature");
    if (entry.withdrawn_at !== null) conflict("That entry is already withdrawn.");
    entry.withdrawn_at = this.host.now();
    entry.withdrawn_reason = clean;
    return entry;
  }
}

// ---- SHA-256 (FIPS 180-4), synchronous, for the fake's hashes ------------

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of a string's UTF-8 bytes, lower-case hex. */
export function sha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const bitLen = bytes.length * 8;
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 2 ** 32));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i]! + w[i]!) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
    h[5] = (h[5]! + f) >>> 0;
    h[6] = (h[6]! + g) >>> 0;
    h[7] = (h[7]! + hh) >>> 0;
  }
  return [...h].map((x) => x.toString(16).padStart(8, "0")).join("");
}
