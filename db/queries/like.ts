/** LIKE patterns from user text: its wildcards (and the escape character, backslash) match themselves. */

/** Text for a LIKE pattern with its wildcards escaped. */
export const escapeLike = (q: string) => q.replace(/[%_\\]/g, (c) => `\\${c}`);
/** `text%` for LIKE: starts with the text. */
export const startsPattern = (q: string) => `${escapeLike(q)}%`;
/** `%text%` for LIKE: contains the text. */
export const containsPattern = (q: string) => `%${escapeLike(q)}%`;
