/**
 * Lays out the recovery secret for copying by hand. The secret is an age
 * identity, `AGE-SECRET-KEY-1` followed by 58 characters: the prefix gets a
 * line of its own and the rest is cut into groups of five. The groups are a
 * display aid only; the gaps are drawn by CSS, so the text itself (and
 * anything copied from the screen) is the secret exactly.
 */

const AGE_PREFIX = "AGE-SECRET-KEY-1";
const GROUP = 5;

export type SecretLayout = { prefix: string | null; groups: string[] };

export function layoutSecret(secret: string): SecretLayout {
  const hasPrefix = secret.toUpperCase().startsWith(AGE_PREFIX) && secret.length > AGE_PREFIX.length;
  const prefix = hasPrefix ? secret.slice(0, AGE_PREFIX.length) : null;
  const rest = hasPrefix ? secret.slice(AGE_PREFIX.length) : secret;
  const groups: string[] = [];
  for (let i = 0; i < rest.length; i += GROUP) groups.push(rest.slice(i, i + GROUP));
  return { prefix, groups };
}
