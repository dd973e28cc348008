/**
 * formatDataJson: the layout of the tagger's data files (lambdas/core/tag/**.json), so that
 * they read and diff well: lists of strings packed about 110 characters a line, objects of
 * plain values on one line, everything else indented.
 */
const LINE_WIDTH = 110;

function formatValue(value: unknown, indent: string): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    const lines: string[] = [];
    let line = '';
    for (const v of value) {
      const item = `${JSON.stringify(v)},`;
      if (line && line.length + item.length + 1 > LINE_WIDTH) { lines.push(line); line = ''; }
      line += (line ? ' ' : '') + item;
    }
    if (line) lines.push(line);
    if (!lines.length) return '[]';
    lines[lines.length - 1] = lines[lines.length - 1].slice(0, -1);
    return `[\n${lines.map((l) => `${indent}  ${l}`).join('\n')}\n${indent}]`;
  }
  if (Array.isArray(value)) return `[\n${value.map((v) => `${indent}  ${formatValue(v, `${indent}  `)}`).join(',\n')}\n${indent}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => v === null || typeof v !== 'object')) {
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
    }
    return `{\n${entries.map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${formatValue(v, `${indent}  `)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function formatDataJson(value: unknown): string {
  return `${formatValue(value, '')}\n`;
}
