// SHA-256 with Web Crypto: the lesson pages compare a lesson file with the text the build
// rendered, and the build's recorded answers are filed under the hash of each request.

/** Hex SHA-256 of the text's UTF-8 bytes; null where Web Crypto is not available (plain http
 *  on a host other than localhost is not a secure context). */
export async function sha256Hex(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether sha256Hex gives hashes here. */
export const canHash = (): boolean => Boolean(globalThis.crypto?.subtle);
