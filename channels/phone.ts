import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/**
 * Normalises a phone number as written by a provider or a person ("+1 (303) 555-0123", "3035550123") to
 * E.164, or null when it cannot be a phone number. `isPossible` rather than `isValid`: valid-range metadata
 * changes as numbering plans are assigned, and the 555-01xx numbers used in tests are "possible" only.
 */
export function toE164(raw: string | undefined | null, defaultCountry: CountryCode = "US"): string | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed && parsed.isPossible() ? parsed.number : null;
}
