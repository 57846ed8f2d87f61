// Strict UTF-8 reading of lesson and CSV files in the browser: valid text (with or without a
// BOM) comes through, and the first invalid byte is named with its line and column counted in
// bytes, as the native engine counts them (tests/bad_inputs: invalid_utf8.csv:3:3, .md:3:8).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { InvalidUtf8Error, decodeUtf8 } from '../../build/js-test/text-file.js';

const badInputs = new URL('../bad_inputs/', import.meta.url);
const bytes = (...parts) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

test('valid UTF-8 comes through; a BOM is dropped as fetch and File.text() drop it', () => {
  assert.equal(decodeUtf8(bytes('x,y\n1,é\n2,✓\n'), 'a.csv'), 'x,y\n1,é\n2,✓\n');
  assert.equal(decodeUtf8(new Uint8Array(readFileSync(new URL('bom_crlf_ok.csv', badInputs))), 'bom_crlf_ok.csv').slice(0, 4), 'x,y\r');
});

test('the catalog\'s invalid files are named at the line and column the native engine gives', () => {
  for (const [file, where, hint] of [['invalid_utf8.csv', '3:3', 'the file must be UTF-8 text'], ['invalid_utf8.md', '3:8', 'lesson files are UTF-8 text']]) {
    const data = new Uint8Array(readFileSync(new URL(file, badInputs)));
    assert.throws(() => decodeUtf8(data, file, hint), (e) => {
      assert.ok(e instanceof InvalidUtf8Error);
      assert.equal(e.message, `${file}:${where}: invalid UTF-8 (byte 0xFF); ${hint}`);
      return true;
    });
  }
});

test('a broken multi-byte character is reported where it starts', () => {
  const at = (data) => { try { decodeUtf8(data, 'f'); } catch (e) { return [e.line, e.column, e.byte]; } return null; };
  assert.deepEqual(at(bytes('é\n', [0xe2, 0x28, 0xa1])), [2, 1, 0xe2]);  // E2 needs continuation bytes
  assert.deepEqual(at(bytes('ab', [0xe2, 0x82])), [1, 3, 0xe2]);          // cut off at the end
  assert.deepEqual(at(bytes('ok\nok', [0xc0, 0xaf])), [2, 3, 0xc0]);      // overlong encoding
  assert.deepEqual(at(bytes([0xef, 0xbb, 0xbf], 'a\n', [0x80])), [2, 1, 0x80]);
  assert.equal(at(bytes('fine')), null);
});
