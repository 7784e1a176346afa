/**
 * The server procedures the back-office screens may reach through the core,
 * with their kind. Everything else, device procedures in particular, is
 * rejected before any request leaves the terminal. allowlist.test.ts
 * checks this list against the server router's type.
 */
export const backOfficeProcedures = {
  'auth.changePassword': 'mutation',
  'devices.revoke': 'mutation',
  'menus.create': 'mutation',
  'menus.list': 'query',
  'menus.getDraft': 'query',
  'menus.saveDraft': 'mutation',
  'menus.publish': 'mutation',
  'menus.export': 'query',
  'menus.importFile': 'mutation',
  'owners.list': 'query',
  'owners.create': 'mutation',
  'owners.invite': 'mutation',
  'owners.acceptInvite': 'mutation',
  'reports.daily': 'query',
  'reports.sales': 'query',
  'reports.exportCsv': 'query',
  'settings.get': 'query',
  'settings.update': 'mutation',
  'staff.list': 'query',
  'staff.create': 'mutation',
  'staff.update': 'mutation',
  'staff.setPin': 'mutation',
  'staff.deactivate': 'mutation',
  'trucks.create': 'mutation',
  'trucks.list': 'query',
  'trucks.issuePairingCode': 'mutation',
  'trucks.rename': 'mutation',
  'trucks.update': 'mutation',
  'trucks.retire': 'mutation',
  'trucks.availability': 'query',
  'trucks.setAvailability': 'mutation',
} as const satisfies Record<string, 'query' | 'mutation'>;

export type BackOfficeProcedure = keyof typeof backOfficeProcedures;
