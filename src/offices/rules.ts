/** The office tree rules, pure (the office kinds are in contract.ts). */

/**
 * Whether the office at `path` is the one at `rootPath` or below it: office paths are
 * materialised ('/1/4/9/'), so an ancestor's path is a prefix of its descendants'.
 */
export function inSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** An office at the top of the tree (a city's hotline centre): above every office ranked, ranked by none. */
export const isTopOffice = (path: string) => /^\/\d+\/$/.test(path);

export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

/** An office may not move under itself or under one of its own descendants. */
export function wouldCreateCycle(officePath: string, newParentPath: string): boolean {
  return inSubtree(newParentPath, officePath);
}
