import type { Caregiver, Client, ClientContact, Shift } from "../domain/types.js";
import type { OutboundRequest, SendOutcome } from "../domain/messages.js";

/**
 * Interfaces of the outside systems that tools and workflows use. Instances are built in server/main.ts
 * (WellSky client, messenger) and arrive through ToolContext / FillDeps; tests pass local stand-ins.
 */

/** Who a phone number belongs to, as far as the agency's records say. */
export type Person =
  | { kind: "caregiver"; id: string; firstName: string; language: Caregiver["language"] }
  | { kind: "client"; id: string; firstName: string; language: Caregiver["language"] }
  | { kind: "family"; id: string; clientId: string; firstName: string; language: Caregiver["language"] }
  | { kind: "coordinator"; id: string; firstName: string; language: "en" }
  | { kind: "unknown" };

/** Reads of the agency's scheduling system (WellSky). */
export interface AgencyReader {
  /** One shift occurrence by key (`${appointmentId}_${YYYYMMDD}`, or a bare id → nearest occurrence). */
  getShift(shiftKey: string): Promise<Shift | null>;
  getClient(clientId: string): Promise<Client | null>;
  getCaregiver(caregiverId: string): Promise<Caregiver | null>;
  /** Active, hired caregivers (the candidate pool). */
  activeCaregivers(): Promise<Caregiver[]>;
  /** Shifts assigned to any of these caregivers overlapping [from, to). */
  scheduleBetween(from: Date, to: Date, caregiverIds: readonly string[]): Promise<Shift[]>;
  /** Shifts of these clients overlapping [from, to), assigned or open. */
  clientShiftsBetween(from: Date, to: Date, clientIds: readonly string[]): Promise<Shift[]>;
  /** Every active client (for coordinator questions such as "what's open today?"). */
  activeClients(): Promise<Client[]>;
  /** Caregivers who have worked for this client before (past care logs). */
  priorCaregiversOf(clientId: string): Promise<Set<string>>;
  clientContacts(clientId: string): Promise<ClientContact[]>;
  /** Looks a phone number (E.164) up among caregivers, clients and their contacts. */
  findPersonByPhone(phone: string): Promise<Person>;
}

/** Writes to the scheduling system. Errors with `status` 4xx are refusals; anything else is transient. */
export interface AgencyWriter {
  /** GET the occurrence → set `caregiver` → PUT it back. Idempotent. `null` unassigns. */
  assignCaregiver(shiftKey: string, caregiverId: string | null): Promise<void>;
  /**
   * A note on the shift visible to the office: a task log on its care log; before the visit has one, an admin
   * task (an office to-do) — or nothing, for a note that asks nothing of the office (`beforeStart: "skip"`).
   * In the app this resolves once the note is queued as a durable job (workflows/shift-notes.ts), which
   * retries it through WellSky outages; it rejects only when it could not be queued.
   */
  noteOnShift(shiftKey: string, note: ShiftNote): Promise<void>;
}

export interface ShiftNote {
  title: string;
  description: string;
  /** Before the visit has a care log: "office_task" (default) creates an admin task; "skip" writes nothing. */
  beforeStart?: "office_task" | "skip";
  /**
   * A retry: an earlier attempt may have written it although WellSky answered an error, so the writer looks
   * for it first. First attempts skip that read (WellSky is rate-limited).
   */
  mayExist?: boolean;
}

export interface Sender {
  send(req: OutboundRequest): Promise<SendOutcome>;
}

/** Hands a shift to the fill workflow (implemented by workflows/shift-fill). */
export interface FillStarter {
  start(input: { shiftKey: string; source: "call_off" | "coordinator" | "unassigned_scan"; actor: string; callerCaregiverId?: string; reason?: string }): Promise<{
    campaign: { id: number; status: string };
    created: boolean;
    candidates: number;
    urgent: boolean;
  }>;
}

/** A refusal from the scheduling system (bad request, not found, conflict): retrying will not help. */
export function isRefusal(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
