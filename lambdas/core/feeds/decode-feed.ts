import { FeedParseError, RejectedInputError, errorMessage } from '../errors';
import { decodeObject, defaultNormalizeConfig } from '../normalize';

/**
 * The feed's bytes as text, with normalize's decoder (BOM, strict UTF-8, then the HTTP charset or
 * the XML declaration; valid UTF-8 wins over a wrong declaration). One addition for feeds: bytes
 * that are not UTF-8 and declare nothing are read as windows-1252 when they look like Latin text
 * (isolated accented letters, as in French, German or Portuguese feeds served without a
 * charset), as browsers and Miniflux do; anything else (CJK, Cyrillic) is an error rather than
 * mojibake.
 */
export function decodeFeedBytes(body: Uint8Array, contentType: string | undefined, maxBytes: number): string {
  const config = { ...defaultNormalizeConfig, maxObjectBytes: maxBytes };
  const raw = { key: 'feed.xml', body, contentType, metadata: {} };
  try {
    return decodeObject(raw, config).text;
  } catch (error) {
    if (!(error instanceof RejectedInputError)) throw error;
    if (declaresCharset(body, contentType) || !looksLikeLatinText(body)) {
      throw new FeedParseError(`cannot decode the feed: ${errorMessage(error)}`, { cause: error });
    }
    try {
      return decodeObject({ ...raw, contentType: 'application/xml; charset=windows-1252' }, config).text;
    } catch (fallbackError) {
      throw new FeedParseError(`cannot decode the feed: ${errorMessage(fallbackError)}`, { cause: fallbackError });
    }
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
