/**
 * LIKE patterns that take the searched text literally: `\`, `%` and `_` escaped (PostgreSQL's
 * default escape character is `\`), so a search for `%` finds a percent sign, not every row.
 */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** Rows whose column contains the text. */
export const containing = (text: string): string => `%${escapeLike(text)}%`;

/** Rows whose column starts with the text (a code, an office path). */
export const startingWith = (text: string): string => `${escapeLike(text)}%`;
