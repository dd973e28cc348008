/** The alert step: which watches track a story, which alerts an article causes, how they read. */
export { matchWatches, type WatchMatch, type WatchSubject } from './match';
export { decideAlerts, ordinal, type AlertDecisionInput } from './decide';
export { alertIdFor } from './alert-id';
export { renderAlert, type RenderedAlert, type MessageAttribute } from './render';
export { DEFAULT_ALERT_CONFIG, DEFAULT_ALERT_COOLDOWN_SECONDS, LOCAL_ALERT_COOLDOWN_SECONDS, alertConfig, type AlertConfig } from './config';
export { foldAlerts, foldedAlertIdFor, holdUntil, isFoldedAlert, planFlush, type FlushPlan } from './storm';
export { announceInPublicationOrder, publishedBefore, withArticles, type AnnouncedArticle, type PublicationOrderInput } from './publication-order';
export { escapeSlackText, renderSlackMessage, renderSlackText, slackLink, type SlackBlock, type SlackMessage, type SlackText } from './slack';
