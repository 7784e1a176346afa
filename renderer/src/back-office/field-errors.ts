import type { ApiFailure } from '../api/errors.js';

/**
 * The server's message for one input, when the failure names that field
 * (data.field, such as "pin" or "menu.categories.0.items.1.sku").
 */
export function errorForField(
  failure: ApiFailure | null,
  field: string,
): string | undefined {
  if (!failure || failure.field !== field) return undefined;
  return failure.message;
}

/** The message when the failure names no field that `fields` lists. */
export function generalError(
  failure: ApiFailure | null,
  fields: readonly string[],
): string | null {
  if (!failure) return null;
  if (failure.field && fields.includes(failure.field)) return null;
  return failure.message;
}
