/**
 * India's GST identification number: 2-digit state code, the holder's PAN
 * (5 letters, 4 digits, 1 letter), an entity number, `Z`, and a check
 * character (base-36, weights 1 and 2 alternating, as the GSTN publishes it).
 */
const GSTIN_SHAPE = /^(0[1-9]|[1-3][0-9]|97|99)[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The check character of the first 14 characters. */
export function gstinCheckChar(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = ALPHABET.indexOf(first14[i]!) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET[(36 - (sum % 36)) % 36]!;
}

/** Upper-cased and without spaces, or null when the shape or the check character is wrong. */
export function normaliseGstin(input: string): string | null {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (!GSTIN_SHAPE.test(value)) return null;
  return gstinCheckChar(value.slice(0, 14)) === value[14] ? value : null;
}
