import {
  assignDedupKeys, DEFAULT_FEED_POLL_CONFIG as C, feedIdFor, intervalFromItemDates, isFeedDue, newFeed, parseMaxAge,
  parseRetryAfter, scheduleNextPoll,
} from '../../lambdas/core/feeds';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const feed = newFeed({ url: 'https://example.test/feed.xml' }, NOW, C.defaultIntervalSec);
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();
const secondsAfter = (iso: string) => (Date.parse(iso) - NOW.getTime()) / 1000;

describe('adaptive schedule', () => {
  test('interval follows the item rate over the last week, bounded to 5 min .. 24 h', () => {
    expect(intervalFromItemDates(Array.from({ length: 14 }, (_, i) => hoursAgo(i * 10)), NOW, C)).toBe(43200);
    expect(intervalFromItemDates([hoursAgo(1), hoursAgo(30), hoursAgo(60)], NOW, C)).toBe(86400);
    expect(intervalFromItemDates(Array.from({ length: 5000 }, () => hoursAgo(1)), NOW, C)).toBe(300);
    expect(intervalFromItemDates([hoursAgo(24 * 30)], NOW, C)).toBe(86400);
    expect(intervalFromItemDates([undefined], NOW, C)).toBe(C.defaultIntervalSec);
  });

  test('a busier feed is polled more often than a quiet one', () => {
    const busy = scheduleNextPoll(feed, { kind: 'ok', itemDates: Array.from({ length: 200 }, (_, i) => hoursAgo(i / 2)) }, NOW, C);
    const quiet = scheduleNextPoll(feed, { kind: 'ok', itemDates: [hoursAgo(100)] }, NOW, C);
    expect(busy.intervalSec).toBeLessThan(quiet.intervalSec);
    expect(busy.intervalSec).toBeGreaterThanOrEqual(300);
    expect(quiet.intervalSec).toBeLessThanOrEqual(86400);
  });

  test('Cache-Control max-age is honoured: never sooner than it', () => {
    const next = scheduleNextPoll(feed, { kind: 'ok', itemDates: Array.from({ length: 2000 }, () => hoursAgo(1)), cacheControl: 'public, max-age=1800' }, NOW, C);
    expect(next.intervalSec).toBe(1800);
    expect(secondsAfter(next.nextPollAt)).toBe(1800);
    expect(parseMaxAge('no-cache')).toBeUndefined();
  });

  test('items a poll left over bring the next poll to the minimum interval; the adaptive interval stays', () => {
    const quietDates = [hoursAgo(100)];
    const left = scheduleNextPoll(feed, { kind: 'ok', itemDates: quietDates, itemsLeft: 3 }, NOW, C);
    const done = scheduleNextPoll(feed, { kind: 'ok', itemDates: quietDates, itemsLeft: 0 }, NOW, C);
    expect(secondsAfter(left.nextPollAt)).toBe(C.minIntervalSec);
    expect(secondsAfter(done.nextPollAt)).toBe(done.intervalSec);
    expect(left.intervalSec).toBe(done.intervalSec);
  });

  test('failures back off exponentially, capped at 24 h', () => {
    let state = feed;
    const delays: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const next = scheduleNextPoll(state, { kind: 'error', httpStatus: 500 }, NOW, C);
      delays.push(secondsAfter(next.nextPollAt));
      state = { ...state, ...next };
    }
    expect(delays.slice(0, 4)).toEqual([300, 600, 1200, 2400]);
    expect(delays[11]).toBe(86400);
    expect(scheduleNextPoll(state, { kind: 'not-modified' }, NOW, C).errorCount).toBe(0);
  });

  test('Retry-After (seconds or HTTP date) on 429/503 holds the feed, even against --force', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter('Sun, 01 Mar 2026 13:00:00 GMT', NOW)).toBe(3600);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    const held = scheduleNextPoll(feed, { kind: 'error', httpStatus: 503, retryAfter: '7200' }, NOW, C);
    expect(secondsAfter(held.nextPollAt)).toBe(7200);
    const after = { ...feed, ...held };
    expect(isFeedDue(after, new Date(NOW.getTime() + 7199_000), true)).toBe(false);
    expect(isFeedDue(after, new Date(NOW.getTime() + 7200_000), true)).toBe(true);
    expect(isFeedDue({ ...feed, nextPollAt: hoursAgo(-1) }, NOW, true)).toBe(true);
    expect(isFeedDue({ ...feed, nextPollAt: hoursAgo(-1) }, NOW, false)).toBe(false);
    // Retry-After on a 500 is not a rate limit: plain back-off.
    expect(scheduleNextPoll(feed, { kind: 'error', httpStatus: 500, retryAfter: '7200' }, NOW, C).retryAfterUntil).toBeUndefined();
  });
});

describe('dedup keys', () => {
  test('guid, else link, else content hash; stable across fetches', () => {
    const items = [{ guid: 'a', link: 'https://x.test/1', title: 'One' }, { link: 'https://x.test/2', title: 'Two' }, { title: 'Three', content: 'text' }];
    const keys = assignDedupKeys(items);
    expect(keys.map((k) => k.slice(0, 2))).toEqual(['g-', 'l-', 'h-']);
    expect(assignDedupKeys([items[1], items[0]])).toEqual([keys[1], keys[0]]);
    expect(assignDedupKeys([{ ...items[0], title: 'One, edited' }])[0]).toBe(keys[0]);
  });

  test('a guid shared by different items, or equal to the feed address, is broken: the link is used', () => {
    const keys = assignDedupKeys([
      { guid: 'same', link: 'https://x.test/1', title: 'One' },
      { guid: 'same', link: 'https://x.test/2', title: 'Two' },
      { guid: 'https://x.test/feed', link: 'https://x.test/3', title: 'Three' },
    ], ['https://x.test/feed']);
    expect(keys.every((k) => k.startsWith('l-'))).toBe(true);
    expect(new Set(keys).size).toBe(3);
  });

  test('feed ids are readable and stable', () => {
    expect(feedIdFor('https://www.theguardian.com/world/rss')).toMatch(/^theguardian-com-[0-9a-f]{8}$/);
    expect(feedIdFor('https://www.theguardian.com/world/rss')).toBe(feedIdFor('https://www.theguardian.com/world/rss'));
    expect(() => newFeed({ url: 'ftp://x.test/feed' }, NOW, 3600)).toThrow(/http or https/);
  });
});
