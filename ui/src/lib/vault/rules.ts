/** The passphrase rule as Rust states it (vault `MIN_PASSPHRASE_CHARS`), shown before typing. */
export const MIN_PASSPHRASE_CHARS = 10;
