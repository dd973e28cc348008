import { FeedParseError, RejectedInputError, errorMessage } from '../errors';
import { decodeObject, defaultNormalizeConfig } from '../normalize';

/**
 * The feed's bytes as text, with normalize's decoder (BOM, strict UTF-8, then the HTTP charset or
 * the XML declaration; valid UTF-8 wins over a wrong declaration). Bytes that are not UTF-8 and
 * declare no charset are decided here, not by a guess: read as windows-1252 when they look like
 * Latin text (isolated accented letters, as in French, German or Portuguese feeds served without a
 * charset, which browsers and Miniflux read the same way); anything else (CJK, Cyrillic, Thai,
 * Hebrew) is a recorded error rather than mojibake.
 */
export function decodeFeedBytes(body: Uint8Array, contentType: string | undefined, maxBytes: number): string {
  const config = { ...defaultNormalizeConfig, maxObjectBytes: maxBytes };
  const raw = { key: 'feed.xml', body, contentType, metadata: {} };
  let effective = raw;
  if (!hasBom(body) && !isUtf8(body) && !declaresCharset(body, contentType)) {
    if (!looksLikeLatinText(body)) {
      throw new FeedParseError('cannot decode the feed: not valid UTF-8 and no charset declared (HTTP Content-Type or XML declaration), and not Latin text');
    }
    effective = { ...raw, contentType: 'application/xml; charset=windows-1252' };
  }
  try {
    return decodeObject(effective, config).text;
  } catch (error) {
    if (!(error instanceof RejectedInputError)) throw error;
    throw new FeedParseError(`cannot decode the feed: ${errorMessage(error)}`, { cause: error });
  }
}

function hasBom(body: Uint8Array): boolean {
  return (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) || (body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff);
}

function isUtf8(body: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

function declaresCharset(body: Uint8Array, contentType: string | undefined): boolean {
  if (/charset\s*=/i.test(contentType ?? '')) return true;
  const head = Buffer.from(body.subarray(0, 1024)).toString('latin1');
  return /<\?xml[^>]+encoding\s*=/i.test(head);
}

/** Bytes windows-1252 leaves unassigned: their presence means another charset. */
const WINDOWS_1252_UNASSIGNED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Latin-1 text has few high bytes, mostly alone between ASCII letters ("Café", "Größe"); CJK and
 * Cyrillic legacy encodings write whole words in high bytes. Runs of three or more high bytes
 * (the no-break space counts as a space) are rare in Latin text: more than a tenth of high bytes in such runs means "not Latin".
 */
export function looksLikeLatinText(body: Uint8Array): boolean {
  let high = 0;
  let inLongRuns = 0;
  let run = 0;
  const endRun = () => {
    if (run >= 3) inLongRuns += run;
    run = 0;
  };
  for (const byte of body) {
    // 0xA0 is the no-break space: whitespace between words ("é\u00a0»"), not part of one.
    if (byte >= 0x80 && byte !== 0xa0) {
      if (WINDOWS_1252_UNASSIGNED.has(byte)) return false;
      high += 1;
      run += 1;
    } else {
      endRun();
    }
  }
  endRun();
  return high > 0 && inLongRuns <= high * 0.1;
}
