import { and, eq } from 'drizzle-orm';
import { ZodError } from 'zod';

import { GalleyError } from '../../shared/errors.js';
import { menuFromCsv, menuToCsv } from '../../shared/menu-csv.js';
import { menuSchema, type Menu } from '../../shared/menu.js';
import type { WriteDeps } from '../changes/organization-write.js';
import type { Database } from '../db/connection.js';
import { menuPublications } from '../db/schema.js';
import {
  getOwnedMenu,
  insertMenu,
  updateDraft,
  type MenuDraft,
} from './drafts.js';
import { runMenuWrite } from './menu-write.js';

export type MenuFileFormat = 'json' | 'csv';

/**
 * Reads a galley.menu.v1 menu from file content. Errors name the field:
 * a JSON path such as `categories.0.items.1.price`, or for CSV the row and
 * column.
 */
export function parseMenuFile(format: MenuFileFormat, content: string): Menu {
  if (format === 'csv') return menuFromCsv(content);

  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new GalleyError(
      'BAD_REQUEST',
      `The menu file is not valid JSON (${(error as Error).message}). ` +
        'Export a galley.menu.v1 menu again, or fix the file.',
      { field: 'content' },
    );
  }
  const parsed = menuSchema.safeParse(value);
  if (!parsed.success) throw invalidMenu(parsed.error);
  return parsed.data;
}

/**
 * Reads a menu file into the draft of `menuId`, or into a new menu when no
 * menuId is given. The file is parsed and validated before anything is
 * written, so an invalid file saves nothing.
 */
export async function importMenuFile(
  deps: WriteDeps,
  params: {
    organizationId: string;
    menuId?: string | undefined;
    format: MenuFileFormat;
    content: string;
    now: Date;
  },
): Promise<MenuDraft> {
  const menu = parseMenuFile(params.format, params.content);
  const { organizationId, menuId, now } = params;

  return runMenuWrite(deps, organizationId, async (tx) => ({
    value: menuId
      ? await updateDraft(tx, { organizationId, menuId, menu, now })
      : await insertMenu(tx, organizationId, menu, now),
    trucksWithNewMenu: [],
  }));
}

function invalidMenu(error: ZodError): GalleyError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  return new GalleyError(
    'BAD_REQUEST',
    `Invalid menu${field ? ` at "${field}"` : ''}: ${issue.message}.`,
    field ? { field } : {},
  );
}

/**
 * Exports a menu's draft, or one of its published versions, as file
 * content in the given format.
 */
export async function exportMenu(
  db: Database,
  params: {
    organizationId: string;
    menuId: string;
    format: MenuFileFormat;
    version?: number | undefined;
  },
): Promise<{ fileName: string; contentType: string; content: string }> {
  const row = await getOwnedMenu(db, params.organizationId, params.menuId);
  let menu = row.draft as Menu;
  let label = 'draft';

  if (params.version !== undefined) {
    const [published] = await db
      .select({ menu: menuPublications.menu })
      .from(menuPublications)
      .where(
        and(
          eq(menuPublications.menuId, row.id),
          eq(menuPublications.version, params.version),
        ),
      )
      .limit(1);
    if (!published) {
      throw new GalleyError(
        'NOT_FOUND',
        `Menu "${row.name}" has no published version ${params.version}. ` +
          'List your menus to see the latest version.',
        { field: 'version' },
      );
    }
    menu = published.menu as Menu;
    label = `v${params.version}`;
  }

  const baseName = `${slugOf(menu.name)}-${label}`;
  return params.format === 'csv'
    ? {
        fileName: `${baseName}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: `\uFEFF${menuToCsv(menu)}`,
      }
    : {
        fileName: `${baseName}.json`,
        contentType: 'application/json',
        content: `${JSON.stringify(orderedMenu(menu), null, 2)}\n`,
      };
}

/**
 * Puts the menu's keys back in the order of the format's documentation,
 * since jsonb stores keys in its own order.
 */
function orderedMenu(menu: Menu): Menu {
  return menuSchema.parse(menu);
}

function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'menu';
}
