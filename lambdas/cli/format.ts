import path from 'node:path';
import type { Alert, Article, IngestResult, Story, Watch } from '../core/model';
import { describeWatch, type WatchOutcome } from '../app/watches';

/** Human-readable renderings for the terminal; `--json` output bypasses these. */

/** "1 article", "3 articles". */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The closing line of an ingest; `folded`: alerts delivered for the held ones (storm control). */
export function formatIngestSummary(results: IngestResult[], folded = 0): string {
  const count = (status: IngestResult['status']) => results.filter((r) => r.status === status).length;
  const alerts = results.reduce((n, r) => n + (r.alerts?.length ?? 0), 0);
  const held = results.reduce((n, r) => n + (r.held?.length ?? 0), 0);
  const holding = held > 0 ? `, ${held} held for the story's cooldown${folded > 0 ? ` and sent as ${counted(folded, 'alert')}` : ''}` : '';
  return `${counted(results.length, 'document')}: ${count('ingested')} ingested, ${count('duplicate')} duplicate, ${count('rejected')} rejected; ${counted(alerts, 'alert')}${holding}`;
}

export function formatIngestResult(r: IngestResult): string {
  const file = path.isAbsolute(r.file) ? path.relative(process.cwd(), r.file) : r.file;
  const where = r.index ? `${file}#${r.index}` : file;
  if (r.status === 'rejected') return `✗ rejected  ${where}\n    ${r.error}`;
  const mark = r.status === 'duplicate' ? '= duplicate' : '✓ ingested ';
  const copy = r.copyOf ? `  (copy of ${r.copyOf})` : '';
  const alerts = r.alerts?.length ? `  🔔 ${counted(r.alerts.length, 'alert')}` : '';
  return `${mark} ${where}\n    ${r.source} · "${truncate(r.title ?? '', 80)}" → story ${r.storyId}${copy}${alerts}`;
}

export function formatStoryLine(s: Story): string {
  const tracked = s.tracked ? '★' : ' ';
  return `${tracked} ${s.id}  ${String(s.sources.length).padStart(2)} sources  ${String(s.articleCount).padStart(3)} articles  ${s.lastSeen.slice(0, 16)}  ${truncate(s.headline, 70)}`;
}

export function formatStory(s: Story, alerts: Alert[], articles: Article[]): string {
  const lines = [
    `Story ${s.id}${s.tracked ? `  ★ tracked (${s.trackedBy.join(', ')})` : ''}`,
    `  "${s.headline}"`,
    `  ${counted(s.articleCount, 'article')} from ${counted(s.sources.length, 'source')} · first seen ${s.firstSeen} · last seen ${s.lastSeen}`,
    `  sources: ${s.sources.map((id) => s.sourceNames[id] ?? id).join(', ')}`,
    `  actors:  ${s.topActors.map((a) => `${a.name} (${a.type})`).join(', ') || '—'}`,
    `  topics:  ${s.topTopics.map((t) => t.label).join(', ') || '—'}`,
  ];
  if (articles.length) {
    lines.push('  articles:');
    for (const a of articles) lines.push(`    ${a.id}  ${a.source.name.padEnd(14)} ${truncate(a.title, 60)}${a.copyOf ? `  [copy of ${a.copyOf}]` : ''}`);
  }
  lines.push(`  alerts (${alerts.length}):`);
  for (const a of alerts) lines.push(`    🔔 ${a.kind} · ${a.source.name} · ${a.status} — ${a.reason}`);
  return lines.join('\n');
}

export function formatArticle(a: Article): string {
  return [
    `Article ${a.id}  (${a.status})`,
    `  title:     ${a.title}`,
    `  source:    ${a.source.name} [${a.source.id}, from ${a.source.origin}]`,
    a.byline ? `  byline:    ${a.byline}` : '',
    a.publishedAt ? `  published: ${a.publishedAt}` : '',
    a.url ? `  url:       ${a.url}` : '',
    `  story:     ${a.storyId ?? '—'}${a.copyOf ? `  (copy of ${a.copyOf})` : ''}`,
    `  actors:    ${a.actors.map((x) => `${x.name} (${x.type}${x.role ? `, ${x.role}` : ''}) ×${x.mentions.length}`).join(', ') || '—'}`,
    `  topics:    ${a.topics.map((t) => `${t.label} ${t.score.toFixed(2)}`).join(', ') || '—'}`,
    `  keyphrases: ${a.keyphrases.join(', ') || '—'}`,
    `  words:     ${a.wordCount}`,
    '',
    a.text,
  ].filter((l) => l !== '').join('\n');
}

export function formatWatch(w: Watch): string {
  return `${w.name.padEnd(20)} ${describeWatch(w)}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/** "2 stories' alerts held by storm control until 2026-11-27 12:05:00 (`newswatch alerts flush --wait` sends them now)". */
export function formatHeld(held: { holds: number; alerts?: number; until?: string }): string {
  const what = held.alerts !== undefined ? counted(held.alerts, 'alert') : `alerts of ${counted(held.holds, 'story')}`;
  const until = held.until ? ` until ${held.until.slice(0, 19).replace('T', ' ')} UTC` : '';
  return `⏸ ${what} held by storm control${until} (\`newswatch alerts flush\` delivers those due; \`ingest --wait-held\` waits for them)`;
}

/** One line of `newswatch alerts`. */
export function formatAlertLine(a: Alert & { delivery: string }): string {
  // A digest-only alert is recorded sent: its watches' digests deliver it (core/alert/digest.ts).
  const delivery = a.digestOnly ? 'digest' : a.delivery;
  const mark = ({ sent: '✓', held: '⏸', failed: '✗', pending: '…', digest: '✉' } as Record<string, string>)[delivery] ?? '?';
  const sources = a.newSources?.length ? a.newSources.map((s) => s.source.name).join(', ') : a.source.name;
  return `${mark} ${delivery.padEnd(7)} ${a.createdAt.slice(0, 16)}  ${a.kind.padEnd(10)} ${truncate(sources, 30).padEnd(30)}  story ${a.storyId}  ${truncate(a.headline, 50)}`;
}

/** What `watch add|update` understood: each actor it resolved, then the watch in a sentence. */
export function formatWatchOutcome(verb: string, outcome: WatchOutcome): string {
  const resolved = outcome.actors
    .filter((a) => a.actor)
    .map((a) => `  "${a.input}" is ${a.actor!.name} (${a.actor!.id}${a.actor!.known === 'gazetteer' ? ', not yet in an article' : ''})`);
  return [`watch ${verb}: ${outcome.watch.name} ${describeWatch(outcome.watch)}`, ...resolved].join('\n');
}
