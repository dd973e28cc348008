/** The dashboard's tuning: page sizes, chart geometry and the security policy, in one place. */
export const DASHBOARD_CONFIG = {
  /** Most stories a client may ask for with `?limit=` (the page size itself is searchStories'). */
  maxStoriesPerPage: 200,
  /** Alerts per page of `/alerts` and `GET /api/alerts`. */
  alertsPerPage: 100,
  /** Stories a watch preview lists. */
  previewStories: 20,
  /** Actor suggestions `GET /api/actors?q=` returns (the watch form's datalist). */
  actorSuggestions: 12,
};

export const CHART_CONFIG = {
  timeline: { width: 880, laneHeight: 34, marginLeft: 150, marginRight: 24, marginTop: 28, marginBottom: 34, markRadius: 6, ticks: 6 },
  sparkline: { width: 96, height: 22, gap: 1, maxBarWidth: 7 },
  perDay: { width: 880, height: 160, marginLeft: 36, marginRight: 12, marginTop: 12, marginBottom: 28 },
  /**
   * Colours of the sources' lanes (Okabe-Ito: told apart with the common colour-vision
   * deficiencies); a story with more sources reuses them, its lanes are labelled anyway.
   */
  sourceColours: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7f6d00', '#000000'],
};

/**
 * Every response's Content-Security-Policy: no inline script or style anywhere, assets from
 * this origin only, no framing, forms post only here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');
