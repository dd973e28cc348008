/** Prints the example alerts of docs/alerts.md with the real renderers: `npx tsx scripts/render-alert-examples.ts one|folded [slack]`. */
import { foldAlerts, renderAlert, renderSlackMessage } from '../lambdas/core/alert';
import type { Alert } from '../lambdas/core/model';
const base = (id: string, sid: string, name: string, pos: number, at: string, title: string, url?: string, copyOf?: string): Alert => ({
  id, kind: 'new-source', storyId: '0c39877c729673d61d84', headline: 'Rubio makes progress with Russia after Trump promised to bring end to war in Ukraine',
  source: { id: sid, name, origin: 'key-prefix' }, articleId: `art-${id}`, articleTitle: title, ...(url ? { url } : {}), ...(copyOf ? { copyOf } : {}),
  sourceCount: pos, sourceNames: ['outlet-a', 'outlet-b', 'news-journos', 'caliber-az', 'outlet-e'].slice(0, pos), firstSeen: '2025-02-18T09:12:00.000Z',
  watchIds: ['rubio'], actorIds: ['p:marco-rubio', 'p:sergey-lavrov'], topicIds: ['iptc:20000638'], topActors: ['Marco Rubio', 'Sergey Lavrov', 'Donald Trump'], topTopics: ['diplomacy', 'politics'],
  reason: `${name} is the ${['', '1st', '2nd', '3rd', '4th', '5th'][pos]} source on a story you track (watch "rubio" matched actor Marco Rubio)${copyOf ? `; its article looks like a rewrite or copy of article ${copyOf}` : ''}`,
  createdAt: at, status: 'pending',
});
const one = base('464947ae', 'caliber-az', 'Caliber.Az', 4, '2025-02-18T10:02:00.000Z', 'US, Russian top diplomats discuss embassy staffing, Ukraine peace negotiations in Saudi talks', 'https://caliber.az/en/post/us-russian-top-diplomats');
const members = [
  base('m1', 'outlet-b', 'outlet-b', 2, '2025-02-18T09:40:00.000Z', 'Rubio makes progress with Russia after Trump promised to bring end to war in Ukraine', undefined, '0c39877c729673d61d84'),
  base('m2', 'news-journos', 'News Journos', 3, '2025-02-18T09:44:00.000Z', 'The recent high-stakes discussions between U.S. Secretary of State Marco Rubio and Russian officials'),
  one,
  base('m4', 'outlet-e', 'outlet-e', 5, '2025-02-18T10:05:00.000Z', 'The United States and Russia agreed in high-level talks Tuesday to re-establish embassy staffing', 'https://outlet-e.example/riyadh'),
];
const folded = foldAlerts(members, '2025-02-18T09:50:00.000Z');
const mode = process.argv[2];
const a = mode === 'folded' ? folded : one;
if (process.argv[3] === 'slack') console.log(JSON.stringify(renderSlackMessage(a), null, 2));
else { const r = renderAlert(a); console.log(`Subject: ${r.subject}\n\n${r.text}`); }
