import { CALL_NOTE_MAX_TAGS, CALL_NOTE_TAG_MAX_LENGTH } from '@callshop/contracts';

/** "vip, follow-up,, vip" → ['vip', 'follow-up']: comma-separated, trimmed, duplicates dropped. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** What is wrong with the tags as typed, or null (the API says the same, this says it sooner). */
export function tagsProblem(tags: string[]): string | null {
  if (tags.length > CALL_NOTE_MAX_TAGS) return `At most ${CALL_NOTE_MAX_TAGS} tags.`;
  const bad = tags.find(
    (t) => t.length > CALL_NOTE_TAG_MAX_LENGTH || !/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u.test(t),
  );
  return bad ? `"${bad}": a tag is 1-${CALL_NOTE_TAG_MAX_LENGTH} letters, digits, spaces, - or _.` : null;
}
