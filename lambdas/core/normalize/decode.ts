import { gunzipSync } from 'node:zlib';
import { RejectedInputError } from '../errors';
import type { RawObject } from '../model';
import type { NormalizeConfig } from './config';

export interface DecodedObject {
  text: string;
  /** The key without a compression suffix, for format detection by extension. */
  logicalKey: string;
  /** Charset the text was decoded from (utf-8 unless a BOM or declaration said otherwise). */
  charset: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Well-known binary formats, for a clearer rejection than "binary content". */
const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'WebP/RIFF file', bytes: [0x52, 0x49, 0x46, 0x46] },
  // Found once the gzip is undone: a gzip inside it is not undone too (nor a bomb inside a bomb).
  { name: 'a gzip inside the gzip, which is decompressed once', bytes: [0x1f, 0x8b] },
];

/** Turns the stored bytes into text: gunzip, size and binary checks, charset decoding. */
export function decodeObject(raw: RawObject, config: NormalizeConfig): DecodedObject {
  assertSize(raw.body.length, config, 'object');
  let body = raw.body;
  let logicalKey = raw.key;
  const gzipNamed = /\.gz$/i.test(raw.key) || /gzip/i.test(raw.contentEncoding ?? '');
  if (startsWith(body, GZIP_MAGIC)) {
    body = gunzip(body, config);
  } else if (gzipNamed && body.length > 0 && !looksLikeText(body, config)) {
    throw new RejectedInputError('corrupt gzip: the object is named or marked gzip but has no gzip header');
  }
  // A plain body under a .gz name happens when a client already decompressed it.
  logicalKey = logicalKey.replace(/\.gz$/i, '');

  if (body.length === 0) throw new RejectedInputError('empty object: no bytes');
  assertNotBinary(body, config);
  const { text, charset } = decodeText(body, raw.contentType, config);
  if (text.trim().length === 0) throw new RejectedInputError('empty object: only whitespace');
  return { text, logicalKey, charset };
}

function gunzip(body: Uint8Array, config: NormalizeConfig): Uint8Array {
  try {
    // The output cap stops a gzip bomb one byte past the size limit: 1 MB that inflates to 1 GiB
    // is refused in ~10 ms and ~5 MB, where inflating it whole takes 1.6 s and 1.1 GB of memory
    // (more than the 1,024 MB Lambda has). test/unit/gzip-bomb.test.ts.
    return gunzipSync(body, { maxOutputLength: config.maxObjectBytes + 1 });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RejectedInputError(
        `too large: more than ${config.maxObjectBytes} bytes once decompressed`, { cause: error });
    }
    throw new RejectedInputError(`corrupt gzip: ${(error as Error).message}`, { cause: error });
  }
}

function assertSize(size: number, config: NormalizeConfig, what: string): void {
  if (size > config.maxObjectBytes) {
    throw new RejectedInputError(`too large: the ${what} has ${size} bytes, the limit is ${config.maxObjectBytes}`);
  }
}

function assertNotBinary(body: Uint8Array, config: NormalizeConfig): void {
  if (hasUtf16Bom(body)) return; // UTF-16 text is full of NUL bytes by design.
  const signature = BINARY_SIGNATURES.find((s) => startsWith(body, s.bytes));
  if (signature) throw new RejectedInputError(`binary content (${signature.name}), not a text document`);
  const sample = body.subarray(0, config.sniffBytes);
  if (sample.includes(0)) throw new RejectedInputError('binary content: NUL bytes in a text document');
  if (!looksLikeText(sample, config)) {
    throw new RejectedInputError('binary content: too many control bytes for a text document');
  }
}

function looksLikeText(body: Uint8Array, config: NormalizeConfig): boolean {
  const sample = body.subarray(0, config.sniffBytes);
  let control = 0;
  for (const byte of sample) {
    const allowed = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
    if ((byte < 0x20 && !allowed) || byte === 0x7f) control += 1;
  }
  return sample.length === 0 || control / sample.length <= config.binaryControlRatio;
}

/**
 * BOM first, then strict UTF-8, then the charset the document declares (Content-Type, HTML
 * meta, XML prolog), then a guess among legacy single-byte charsets. Valid UTF-8 wins over a
 * declaration because misdeclared UTF-8 pages are common and non-ASCII legacy text is almost
 * never valid UTF-8 by accident.
 *
 * Bytes that do not match are decoded as a browser decodes them (WHATWG, with U+FFFD for what
 * does not fit), not refused: a declared charset with a few invalid bytes; UTF-8 carrying a few
 * stray Latin-1 bytes ("Jürgen" in UTF-8, "caf\xe9" beside it), declared or evidently UTF-8
 * (at least as many valid multi-byte sequences as invalid bytes); UTF-8 declared and nothing
 * better. A page that declares UTF-8 but is Latin-1 throughout reads as windows-1252, better
 * than a browser. Only undeclared bytes no charset explains are refused (binary input was
 * refused before: assertNotBinary).
 */
function decodeText(body: Uint8Array, contentType: string | undefined, config: NormalizeConfig): {
  text: string; charset: string;
} {
  if (startsWith(body, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(body.subarray(3)), charset: 'utf-8' };
  if (startsWith(body, [0xff, 0xfe])) return strictDecode(body.subarray(2), 'utf-16le');
  if (startsWith(body, [0xfe, 0xff])) return strictDecode(body.subarray(2), 'utf-16be');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), charset: 'utf-8' };
  } catch (error) {
    const declared = declaredCharset(body, contentType, config);
    const encoding = declared && declared !== 'utf-8' ? supportedEncoding(declared) : undefined;
    if (declared && declared !== 'utf-8' && !encoding) {
      throw new RejectedInputError(
        `undecodable text: not valid UTF-8, and the declared charset "${declared}" is not supported`, { cause: error });
    }
    if (encoding) return { text: decodeDeclared(body, encoding), charset: encoding };
    const utf8 = utf8Evidence(body);
    const asBrowser = () => ({ text: new TextDecoder('utf-8').decode(body), charset: 'utf-8' });
    // Mostly UTF-8 with a few stray bytes: a browser shows it with U+FFFD where they were.
    if (utf8.valid > 0 && (declared === 'utf-8' || utf8.valid >= utf8.invalid)) return asBrowser();
    // Nothing usable declared (or UTF-8 declared wrongly): a legacy single-byte page, if it reads as one.
    const guess = guessSingleByteCharset(body, config);
    if (guess) return { text: decodeLegacy(body, guess), charset: guess };
    if (declared === 'utf-8') return asBrowser();
    throw new RejectedInputError(
      'undecodable text: not valid UTF-8, and no supported charset declared or recognisable', { cause: error });
  }
}

/**
 * Valid UTF-8 multi-byte sequences (no overlong forms, no surrogates) and bytes that start none,
 * for telling UTF-8 with a few stray bytes from legacy text.
 */
function utf8Evidence(body: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < body.length;) {
    if (body[i] < 0x80) {
      i += 1;
      continue;
    }
    const length = utf8SequenceLength(body, i);
    if (length > 0) {
      valid += 1;
      i += length;
    } else {
      invalid += 1;
      i += 1;
    }
  }
  return { valid, invalid };
}

function utf8SequenceLength(body: Uint8Array, at: number): number {
  const lead = body[at];
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  if (at + length > body.length || body[at + 1] < low || body[at + 1] > high) return 0;
  for (let k = 2; k < length; k += 1) if (body[at + k] < 0x80 || body[at + k] > 0xbf) return 0;
  return length;
}

/** The WHATWG encoding name of a label ("latin1" -> "windows-1252"), or undefined when unknown. */
function supportedEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** The declared charset, as a browser decodes it: bytes it has no character for become U+FFFD. */
function decodeDeclared(body: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeLegacy(body, encoding);
  return new TextDecoder(encoding).decode(body);
}

/**
 * Which legacy charset undeclared non-UTF-8 bytes are in. Cyrillic text is mostly high bytes,
 * lower-case letters dominating: 0xE0-0xFF in windows-1251, 0xC0-0xDF in KOI8-R. Western text
 * has a few high bytes inside words ("Jürgen", "études"): windows-1252, when every accented
 * letter sits next to another letter or is a one-letter word ("à"). Anything else (stray bytes in ASCII text) is no charset.
 */
function guessSingleByteCharset(body: Uint8Array, config: NormalizeConfig): string | undefined {
  let high = 0;
  let letters = 0;
  let upperHalf = 0;
  for (const byte of body) {
    if (byte >= 0x80) {
      high += 1;
      if (byte >= 0xe0) upperHalf += 1;
    } else if ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a) {
      letters += 1;
    }
  }
  if (high === 0) return undefined;
  if (high / (high + letters) >= config.cyrillicHighByteShare) {
    return upperHalf / high >= 0.5 ? 'windows-1251' : 'koi8-r';
  }
  return readsAsWestern(decodeLegacy(body, 'windows-1252')) ? 'windows-1252' : undefined;
}

function readsAsWestern(text: string): boolean {
  for (const match of text.matchAll(/[^\x00-\x7f]/g)) {
    const char = match[0];
    const at = match.index ?? 0;
    if (/[\u2018-\u201e\u2013\u2014\u2026\u20ac\u00a0\u00ab\u00bb\u00b0\u00a9\u00ae\u2122]/u.test(char)) continue;
    if (!/\p{L}/u.test(char)) return false;
    const neighbours = `${text[at - 1] ?? ''}${text[at + 1] ?? ''}`;
    // Inside a word ("Jürgen"), or a one-letter lower-case word ("à", "é").
    if (!/\p{L}/u.test(neighbours) && !/\p{Ll}/u.test(char)) return false;
  }
  return true;
}

/** Labels WHATWG maps to windows-1252 (HTML treats a latin1 declaration as windows-1252). */
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'us-ascii', 'ascii']);
/** windows-1252 bytes 0x80-0x9F: typographic quotes, dashes, € (0 = unassigned, kept as C1). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Node 20's TextDecoder decodes "windows-1252" as ISO-8859-1 (0x80-0x9F become C1 controls,
 * so ’ – — are lost): that family is mapped here; other legacy charsets decode correctly.
 */
function decodeLegacy(body: Uint8Array, charset: string): string {
  if (!WINDOWS_1252_LABELS.has(charset)) return new TextDecoder(charset).decode(body);
  let text = '';
  for (let start = 0; start < body.length; start += 8192) {
    const chunk = Array.from(body.subarray(start, start + 8192), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] || byte : byte);
    text += String.fromCharCode(...chunk);
  }
  return text;
}

function strictDecode(body: Uint8Array, charset: string): { text: string; charset: string } {
  try {
    return { text: new TextDecoder(charset, { fatal: true }).decode(body), charset };
  } catch (error) {
    throw new RejectedInputError(`undecodable text: invalid ${charset} after its byte order mark`, { cause: error });
  }
}

function declaredCharset(body: Uint8Array, contentType: string | undefined, config: NormalizeConfig): string | undefined {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  // latin1 maps every byte to one char, so the ASCII declaration can be read before decoding.
  const head = Buffer.from(body.subarray(0, config.sniffBytes)).toString('latin1');
  const fromDocument =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  const label = (fromHeader ?? fromDocument)?.toLowerCase();
  return label === 'utf8' || label === 'utf-8' ? 'utf-8' : label;
}

function hasUtf16Bom(body: Uint8Array): boolean {
  return startsWith(body, [0xff, 0xfe]) || startsWith(body, [0xfe, 0xff]);
}

function startsWith(body: Uint8Array, bytes: number[]): boolean {
  return body.length >= bytes.length && bytes.every((b, i) => body[i] === b);
}
