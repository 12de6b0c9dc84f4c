import { createHash, timingSafeEqual } from "node:crypto";

/**
 * RingCentral does not sign webhooks: the `Verification-Token` header, set when the subscription was created
 * (`deliveryMode.verificationToken`), is the only authenticity check. Compared in constant time over SHA-256
 * digests so neither the content nor the length of the expected token leaks through timing.
 */
export function verifyRingCentralToken(header: string | null | undefined, expected: string): boolean {
  if (!header || !expected) return false;
  const a = createHash("sha256").update(header).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** What to answer RingCentral's subscription validation request with. */
export interface ValidationResponse {
  status: 200;
  headers: { "Validation-Token": string; "Content-Type": "application/json" };
}

/** RingCentral sends opaque tokens (UUID-like); anything else is not echoed into a response header. */
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{1,512}$/;

/**
 * Handles the webhook creation handshake: a request carrying a `Validation-Token` header must be answered
 * 200 within 3 s, echoing it in a `Validation-Token` response header with `Content-Type: application/json`
 * (otherwise RingCentral rejects the subscription with SUB-525). Returns null when the request is not a
 * handshake (no header) or the token is not token-shaped (never reflect arbitrary bytes into headers).
 */
export function ringCentralHandshake(validationToken: string | null | undefined): ValidationResponse | null {
  if (!validationToken || !TOKEN_SHAPE.test(validationToken)) return null;
  return { status: 200, headers: { "Validation-Token": validationToken, "Content-Type": "application/json" } };
}
