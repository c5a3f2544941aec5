/** The item types the application runs, as assembled from the module manifests: `audit verify` walks each one's chains. */
import type { AnyItemType } from './definition.js';

let installedTypes: readonly AnyItemType[] = [];

export function installItemTypes(types: readonly AnyItemType[]): void {
  installedTypes = [...types];
}

export function itemTypes(): readonly AnyItemType[] {
  return installedTypes;
}
