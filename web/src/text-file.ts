// Reading a file's bytes as UTF-8 text the way the engine does: strictly. fetch's text() and
// File.text() turn invalid bytes into U+FFFD without a word, so a Latin-1 lesson or CSV would
// reach the engine as valid text with odd characters in it; here it is an error that names the
// file, the line and column (in bytes, as the engine counts) and the byte.

export class InvalidUtf8Error extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly byte: number, hint: string) {
    super(`${file}:${line}:${column}: invalid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}); ${hint}`);
    this.name = 'InvalidUtf8Error';
  }
}

/** Where the first invalid byte is: a decoder fed one byte at a time throws on it. A character
 *  left incomplete is reported at its first byte. */
function firstInvalidByte(bytes: Uint8Array): { line: number; column: number; byte: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let line = 1;
  let lineStart = 0;
  let pending = -1;  // the first byte of a character not yet complete
  const at = (i: number) => ({ line, column: i - lineStart + 1, byte: bytes[i] });
  for (let i = 0; i < bytes.length; i++) {
    let out: string;
    try {
      out = decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return at(pending >= 0 ? pending : i);
    }
    if (out) pending = -1;
    else if (pending < 0) pending = i;
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return at(pending);
}

/** The bytes as text; throws InvalidUtf8Error (with `hint` after the location) if they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string, hint = 'the file must be UTF-8 text'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, column, byte } = firstInvalidByte(bytes);
    throw new InvalidUtf8Error(file, line, column, byte, hint);
  }
}
