/** The alert step: which watches track a story, which alerts an article causes, how they read. */
export { matchWatches, type WatchMatch, type WatchSubject } from './match';
export { decideAlerts, ordinal, type AlertDecisionInput } from './decide';
export { alertIdFor } from './alert-id';
export { renderAlert, type RenderedAlert, type MessageAttribute } from './render';
export { DEFAULT_ALERT_CONFIG, alertConfig, type AlertConfig } from './config';
