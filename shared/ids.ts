/**
 * Identifiers. Ids are short, URL-safe and lower-case so they can sit in room names and paths
 * unescaped; join codes avoid look-alike characters because people read them off a projector.
 */
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1

export const ID_PATTERN = /^[a-z0-9]{6,32}$/;
export const JOIN_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{6}$/;

function randomString(alphabet: string, length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  // 256 is not a multiple of the alphabet sizes; the slight bias is irrelevant for ids.
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function newId(length = 12): string {
  return randomString(ID_ALPHABET, length);
}

export function newJoinCode(): string {
  return randomString(JOIN_CODE_ALPHABET, 6);
}

/**
 * Join codes are typed by people: accept lower case, spaces and dashes, and read the digits 0 and 1
 * as the letters O and I. Codes never contain any of the four, so a code with O or I left after this
 * is a misread character, which `hasLookalike` lets forms name instead of a vague refusal.
 */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/0/g, 'O').replace(/1/g, 'I');
}

/** The (normalised) code holds a character codes never use: O, I (typed as O, 0, I or 1). */
export const hasLookalike = (normalizedCode: string): boolean => /[OI]/.test(normalizedCode);
