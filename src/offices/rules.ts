/** The office tree rules, pure (the office kinds are in contract.ts). */
export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

/** An office may not move under itself or under one of its own descendants. */
export function wouldCreateCycle(officePath: string, newParentPath: string): boolean {
  return newParentPath.startsWith(officePath);
}
