import type { Menu } from '../../../../shared/menu.js';

/** Applies one change to a copy of the draft; the editor's only setter. */
export type EditMenu = (change: (draft: Menu) => void) => void;

/** Moves the entry at `from` by `step` places, if it stays in the list. */
export function moveEntry<T>(list: T[], from: number, step: number): void {
  const to = from + step;
  if (to < 0 || to >= list.length) return;
  const [entry] = list.splice(from, 1);
  if (entry !== undefined) list.splice(to, 0, entry);
}

/** Adds or removes `value` from a list of ids, keeping the list's order. */
export function toggleId(list: string[], value: string): string[] {
  return list.includes(value)
    ? list.filter((entry) => entry !== value)
    : [...list, value];
}

/** A short id not yet in `taken`, such as "group-3". */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let number = 1;
  while (used.has(`${prefix}-${number}`)) number += 1;
  return `${prefix}-${number}`;
}
