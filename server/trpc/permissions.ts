/**
 * The permission rule of each procedure of the server's API: which callers
 * may call it, and how the record the call targets is tied to the caller's
 * organisation. This table is the one
 * place that states it: the procedure builders in init.ts enforce it before
 * any input parsing or resolver runs, and a procedure with no entry fails
 * every call (and the permission test).
 *
 * Callers:
 * - `owner`: an owner's session token. Reaches only its own organisation.
 * - `device`: a paired terminal's device token. Reaches only its own truck.
 * - `public`: no token needed (sign-in, pairing, invite redemption).
 *
 * Targets name an input field holding a record id. Before the resolver
 * runs, each id must belong to the caller: an owner's organisation (else
 * NOT_FOUND, exactly as for a missing id, so ids of other organisations
 * cannot be probed) or a device's own truck (else FORBIDDEN). Procedures
 * without targets act on the caller's own organisation, session or truck
 * only, which the caller's token fixes.
 */
export type Caller = 'owner' | 'device';
export type TargetKind = 'truck' | 'menu' | 'staff' | 'device';

export interface TargetRule {
  kind: TargetKind;
  /** The input field with the id, or with a list of ids when `many`. */
  field: string;
  many?: boolean;
  /** An absent field means "all of the caller's own". */
  optional?: boolean;
}

export type PermissionRule =
  | { access: 'public' }
  | {
      access: 'token';
      callers: readonly Caller[];
      targets: readonly TargetRule[];
    };

const publicAccess: PermissionRule = { access: 'public' };

function owner(...targets: TargetRule[]): PermissionRule {
  return { access: 'token', callers: ['owner'], targets };
}

function device(): PermissionRule {
  return { access: 'token', callers: ['device'], targets: [] };
}

const truck: TargetRule = { kind: 'truck', field: 'truckId' };
const menu: TargetRule = { kind: 'menu', field: 'menuId' };
const staffMember: TargetRule = { kind: 'staff', field: 'staffId' };

export const permissions: Record<string, PermissionRule> = {
  'auth.login': publicAccess,
  'auth.logout': owner(),
  'auth.logoutEverywhere': owner(),
  'auth.changePassword': owner(),

  'owners.list': owner(),
  'owners.create': owner(),
  'owners.invite': owner(),
  'owners.acceptInvite': publicAccess,

  'trucks.create': owner(),
  'trucks.list': owner(),
  'trucks.issuePairingCode': owner(truck),
  'trucks.rename': owner(truck),
  'trucks.update': owner(truck),
  'trucks.retire': owner(truck),
  'trucks.availability': owner(truck),
  'trucks.setAvailability': owner(truck),

  'devices.pair': publicAccess,
  'devices.revoke': owner({ kind: 'device', field: 'deviceId' }),

  'menu.import': owner(truck),
  'menu.current': owner(truck),

  'menus.create': owner(),
  'menus.list': owner(),
  'menus.getDraft': owner(menu),
  'menus.saveDraft': owner(menu),
  'menus.publish': owner(menu, {
    kind: 'truck',
    field: 'truckIds',
    many: true,
  }),
  'menus.export': owner(menu),
  'menus.importFile': owner({ ...menu, optional: true }),

  'staff.list': owner(),
  'staff.create': owner(),
  'staff.update': owner(staffMember),
  'staff.setPin': owner(staffMember),
  'staff.deactivate': owner(staffMember),

  'settings.get': owner(),
  'settings.update': owner(),

  'sync.push': device(),
  'sync.pull': device(),
  'sync.waitForChange': device(),
  'sync.reconcile': device(),
  'support.importUnsyncedOrders': owner({ kind: 'device', field: 'deviceId' }),

  'reports.daily': {
    access: 'token',
    callers: ['owner', 'device'],
    targets: [truck],
  },
  'reports.sales': owner({
    kind: 'truck',
    field: 'truckIds',
    many: true,
    optional: true,
  }),
  'reports.exportCsv': owner({
    kind: 'truck',
    field: 'truckIds',
    many: true,
    optional: true,
  }),
  'orders.list': owner(truck),
};
