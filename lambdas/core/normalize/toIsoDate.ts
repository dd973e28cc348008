const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i;
const HAS_ZONE = /(?:\b(?:GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\s*$|\b[ECMP][SD]T\b)/;

/**
 * A date as ISO 8601 (UTC), or undefined when it cannot be read. A date without a zone is
 * taken as UTC: the host's zone must not change what an article says (news-please dates
 * carry none).
 */
export function toIsoDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Epoch seconds or milliseconds, told apart by size.
    return isoOrUndefined(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0 || /^(?:none|null|undefined)$/i.test(text)) return undefined;
  // Epoch seconds or milliseconds written as text (CSV cells: UCI's TIMESTAMP).
  if (/^\d{9,13}(?:\.\d+)?$/.test(text)) return toIsoDate(Number(text));
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone] = iso;
    const ms = Number(`0.${frac}`) * 1000;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.round(ms));
    return isoOrUndefined(utc - zoneOffsetMinutes(zone) * 60_000);
  }
  // RFC 2822 and English forms ("Tue, 18 Feb 2025 10:00:00 GMT", "February 18, 2025").
  return isoOrUndefined(Date.parse(HAS_ZONE.test(text) ? text : `${text} UTC`));
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || /^(?:Z|UTC|GMT)$/i.test(zone)) return 0;
  const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) ?? [];
  const minutes = Number(hh) * 60 + Number(mm);
  return sign === '-' ? -minutes : minutes;
}

function isoOrUndefined(epochMs: number): string | undefined {
  if (!Number.isFinite(epochMs)) return undefined;
  const date = new Date(epochMs);
  const year = date.getUTCFullYear();
  return year >= 1900 && year <= 2200 ? date.toISOString() : undefined;
}
