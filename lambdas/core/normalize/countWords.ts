/** Words as a reader counts them: "U.S.", "don't" and "4.5" are one word each. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
