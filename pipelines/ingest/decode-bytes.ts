import { FeedError } from '../feeds/feed.js';
import { decodeWindows1252 } from '../encoding/index.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/**
 * Decodes a delivered file to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and
 * otherwise Windows-1252 (bytes that are not valid UTF-8). DuckDB's latin-1 reader refuses
 * 0x80–0x9F, which Windows-1252 uses, so the engine always hands feeds UTF-8.
 * Throws FeedError 'empty_file' (nothing but whitespace) or 'undecodable' (binary content).
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const decoded = decodeText(bytes);
  if (decoded.text.trim() === '') throw new FeedError('empty_file', 'the file is empty');
  if (decoded.text.includes('\u0000')) {
    throw new FeedError(
      'undecodable',
      `the file holds NUL bytes (binary data, or a text encoding other than UTF-8, UTF-16 with a BOM or Windows-1252); decoded as ${decoded.encoding}`,
    );
  }
  return decoded;
}

function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strictUtf8(bytes.subarray(3));
    if (text === undefined) {
      throw new FeedError(
        'undecodable',
        'the file starts with a UTF-8 byte order mark but is not valid UTF-8',
      );
    }
    return { text, encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
