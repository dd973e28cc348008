/** Story search: the tokens a story is found by, shared by the store (which keeps them) and the use case (which asks). */
export {
  actorToken, headlineWords, sourceToken, storySearchTokens, TOKEN_PREFIX, watchToken, wordTokens,
} from './tokens';
export { sparkline } from './spark';
