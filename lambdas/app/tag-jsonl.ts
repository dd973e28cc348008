/**
 * `newswatch tag --jsonl`: the tag step alone, one JSON line in -> one JSON line out.
 *   in:  {"id": …, "text": "…", "title"?: "…", "language"?: "de"}  (ISO 639-1; absent: English rules)
 *   out: {"id", "actors": [{"id", "name", "type", "role"?, "mentions": [{"start", "end", "text"}]}],
 *         "topics": [{"id", "label", "score"}]}
 * `start`/`end` are JavaScript string offsets (UTF-16 code units) into `text` as given: the
 * text is not normalized, so text.slice(start, end) === mention.text. A bad line gives
 * {"id"?, "error"} and the next line is read; blank lines are skipped.
 *
 * With a registry (the --data-dir store, when one exists) actors resolve through it, so user
 * aliases, merges and splits apply, and the watches' keyword topics are added. Without one,
 * ids come from the built-in gazetteer and the name (the same id a fresh store would give).
 * Nothing is written: tagging a text does not teach the registry.
 */
import type { ActorType, Watch } from '../core/model';
import { actorLookupKeys, extractActors, resolveActors, tagTopics } from '../core/tag';
import type { NewswatchStore } from '../ports/store';
import { errorMessage } from '../core/errors';

export type TagRegistry = Pick<NewswatchStore, 'findActorsByAlias' | 'listWatches'>;

export interface TaggedLine {
  id: unknown;
  actors: { id: string; name: string; type: ActorType; role?: string; mentions: { start: number; end: number; text: string }[] }[];
  topics: { id: string; label: string; score: number }[];
}

export interface TagLineError {
  id?: unknown;
  error: string;
}

/** Longest line accepted (characters): a runaway line is an error, not an out-of-memory. */
export const MAX_TAG_LINE_CHARS = 5_000_000;

export interface TagRunSummary {
  tagged: number;
  errors: number;
}

/** Tags every line of `lines`, writing one output line per non-blank input line. */
export async function tagJsonLines(
  lines: AsyncIterable<string>,
  write: (line: string) => void | Promise<void>,
  registry?: TagRegistry,
): Promise<TagRunSummary> {
  // Take the iterator before any await: readline drops lines emitted while nobody iterates.
  const iterator = lines[Symbol.asyncIterator]();
  const watches: Watch[] = registry ? await registry.listWatches() : [];
  const summary: TagRunSummary = { tagged: 0, errors: 0 };
  for await (const raw of { [Symbol.asyncIterator]: () => iterator }) {
    if (!raw.trim()) continue;
    const result = await tagLine(raw, watches, registry);
    if ('error' in result) summary.errors++;
    else summary.tagged++;
    await write(JSON.stringify(result));
  }
  return summary;
}

/** One input line to its output object (never throws for bad input). */
export async function tagLine(raw: string, watches: Watch[], registry?: TagRegistry): Promise<TaggedLine | TagLineError> {
  if (raw.length > MAX_TAG_LINE_CHARS) return { error: `line longer than ${MAX_TAG_LINE_CHARS} characters` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { error: `not JSON: ${errorMessage(error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'expected a JSON object {"id", "text"}' };
  const input = parsed as Record<string, unknown>;
  const idPart = 'id' in input ? { id: input.id } : {};
  if (!('id' in input)) return { error: 'missing "id"' };
  if (typeof input.text !== 'string') return { ...idPart, error: '"text" must be a string' };
  if (input.title !== undefined && typeof input.title !== 'string') return { ...idPart, error: '"title" must be a string when given' };
  if (input.language !== undefined && typeof input.language !== 'string') return { ...idPart, error: '"language" must be a string when given' };
  const doc = { title: (input.title as string | undefined) ?? '', text: input.text, language: input.language as string | undefined };
  try {
    const candidates = extractActors(doc);
    const known = registry ? await registry.findActorsByAlias(actorLookupKeys(candidates)) : new Map();
    const { actors } = resolveActors(candidates, known);
    return {
      id: input.id,
      actors: actors.map((actor) => ({
        id: actor.id,
        name: actor.name,
        type: actor.type,
        ...(actor.role ? { role: actor.role } : {}),
        mentions: actor.mentions.map(({ start, end, text }) => ({ start, end, text })),
      })),
      topics: tagTopics(doc, watches).map(({ id, label, score }) => ({ id, label, score })),
    };
  } catch (error) {
    return { ...idPart, error: `tagging failed: ${errorMessage(error)}` };
  }
}
