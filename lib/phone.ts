import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export const DEFAULT_REGION: CountryCode = 'IN';

/**
 * E.164 for a typed phone (DESIGN.md invariant 10): `98765 43210`,
 * `+91-98765-43210` and `09876543210` all become `+919876543210`.
 * Returns null when the text is not a valid number.
 */
export function normalisePhone(input: string, region: CountryCode = DEFAULT_REGION): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), region);
  return parsed?.isValid() ? parsed.number : null;
}

/** For display: `+91 98765 43210`. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
