import { randomBytes, scryptSync } from 'node:crypto';

import {
  currentPinHashParams,
  type StaffRole,
  type SyncedStaff,
} from '../../../shared/staff.js';
import {
  storeOrganizationSettings,
  replaceStaff,
} from '../staff/staff-store.js';
import type { TerminalCore } from '../terminal-core.js';

/** Hashes a PIN the way the server does, for staff records seeded in tests. */
export function hashedStaff(member: {
  id: string;
  name: string;
  role: StaffRole;
  pin: string;
  active?: boolean;
}): SyncedStaff {
  const params = currentPinHashParams;
  const salt = randomBytes(16);
  const hash = scryptSync(member.pin, salt, params.keyLength, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 32 * 1024 * 1024,
  });
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    active: member.active ?? true,
    pinHash: hash.toString('base64url'),
    pinSalt: salt.toString('base64url'),
    pinParams: params,
  };
}

export const testStaff = {
  cashier: {
    id: '0190a6d2-0000-7000-8000-00000000c001',
    name: 'Cam Cashier',
    role: 'staff',
    pin: '1111',
  },
  manager: {
    id: '0190a6d2-0000-7000-8000-00000000a002',
    name: 'Mo Manager',
    role: 'manager',
    pin: '2222',
  },
  owner: {
    id: '0190a6d2-0000-7000-8000-00000000b003',
    name: 'Oli Owner',
    role: 'owner',
    pin: '333333',
  },
} as const;

/** Stores the three test staff as a pull would, with a 10% discount limit. */
export function seedStaff(core: TerminalCore): void {
  replaceStaff(
    core.database.db,
    Object.values(testStaff).map((member) => hashedStaff(member)),
  );
  storeOrganizationSettings(core.database.db, {
    discountLimitPercent: '10',
    idleLockSeconds: 120,
  });
  core.staffSession.refreshFromStore();
}
