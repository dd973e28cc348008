/** The frame of every page: head (CSP-safe: stylesheet and script are files), top bar, main. */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { CSRF_FIELD } from '../security';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageContext {
  csrfToken: string;
  /** "embedded store .newswatch" or "stack Newswatch (…)". */
  targetLabel: string;
  /** A sentence to show once (after a form succeeded). */
  notice?: string;
  /** A refusal to show (a form's input was refused). */
  error?: string;
}

const NAV = [
  { href: '/', label: 'Stories', key: 'stories' },
  { href: '/watches', label: 'Watches', key: 'watches' },
  { href: '/feeds', label: 'Feeds', key: 'feeds' },
  { href: '/alerts', label: 'Alerts', key: 'alerts' },
] as const;

export type Section = (typeof NAV)[number]['key'] | 'actors';

export function layout(page: PageContext, options: { title: string; section: Section }, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${page.csrfToken}">
<title>${options.title} · newswatch</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/dashboard.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
<div class="topbar-inner">
<a class="brand" href="/"><img src="/assets/icon.svg" alt="" width="22" height="22"> newswatch</a>
<nav aria-label="Main"><ul>${NAV.map((n) => html`<li><a href="${n.href}"${n.key === options.section ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul></nav>
<span class="target-badge" title="where this dashboard reads and writes">${page.targetLabel}</span>
</div>
</header>
<main id="main" tabindex="-1">
${page.notice ? html`<p class="flash flash-ok" role="status">${page.notice}</p>` : ''}
${page.error ? html`<p class="flash flash-error" role="alert">${page.error}</p>` : ''}
${body}
</main>
<footer class="footer"><p>newswatch · new sources picking up the stories you track · <a href="/api/stories">JSON API</a></p></footer>
</body>
</html>`;
}

/** The hidden field every form carries (checked on POST). */
export function csrfField(page: PageContext): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${page.csrfToken}">`;
}

export function deliveryBadge(delivery: string): Html {
  return html`<span class="badge badge-${delivery}">${delivery}</span>`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
