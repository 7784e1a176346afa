import type { ModifierGroup } from '../../../shared/menu.js';

/** Chosen option SKUs per modifier group id. */
export type ModifierSelection = Record<string, string[]>;

/**
 * Toggles one option within its group's limits. A group with max 1 behaves
 * as a radio group: choosing replaces, and choosing again clears unless the
 * group requires a choice. Other groups add options until max and then
 * ignore more.
 */
export function toggleOption(
  selection: ModifierSelection,
  group: ModifierGroup,
  optionSku: string,
): ModifierSelection {
  const chosen = selection[group.id] ?? [];
  const isChosen = chosen.includes(optionSku);
  let next: string[];

  if (group.max === 1 && !isChosen) {
    next = [optionSku];
  } else if (group.max === 1) {
    // Tapping the chosen option clears it unless the group requires one.
    next = group.min === 0 ? [] : chosen;
  } else if (isChosen) {
    next = chosen.filter((sku) => sku !== optionSku);
  } else if (chosen.length < group.max) {
    next = [...chosen, optionSku];
  } else {
    next = chosen;
  }
  return { ...selection, [group.id]: next };
}

/** The sentence telling the cashier what a group still needs, if anything. */
export function missingChoice(
  group: ModifierGroup,
  selection: ModifierSelection,
): string | null {
  const count = selection[group.id]?.length ?? 0;
  if (count >= group.min) return null;
  return group.min === 1
    ? `Choose a ${group.name.toLowerCase()}.`
    : `Choose at least ${group.min} for ${group.name.toLowerCase()}.`;
}

export function describeLimits(group: ModifierGroup): string {
  if (group.min === group.max) return `choose ${group.min}`;
  if (group.min === 0)
    return group.max === 1 ? 'optional' : `up to ${group.max}`;
  return `choose ${group.min} to ${group.max}`;
}

/**
 * Lists the chosen SKUs in menu order (groups as the item lists them, then
 * options as the group lists them), so the same choice always makes the
 * same ticket line.
 */
export function orderedModifiers(
  groups: ModifierGroup[],
  selection: ModifierSelection,
): string[] {
  return groups.flatMap((group) =>
    group.options
      .map((option) => option.sku)
      .filter((sku) => selection[group.id]?.includes(sku)),
  );
}
