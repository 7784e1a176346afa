import type { Logger } from 'pino';

import { GalleyError } from '../../../shared/errors.js';
import type { SessionState } from '../../../shared/local-api.js';
import type { TerminalDb } from '../db/open-database.js';
import { readSettings } from '../db/settings-store.js';
import { forbidden, rolePermits, type CounterAction } from './permissions.js';
import { verifyPin } from './pin-verifier.js';
import {
  hasStaffRecords,
  readActiveStaff,
  readLockout,
  readOrganizationSettings,
  writeLockout,
  type StoredStaff,
} from './staff-store.js';

/** Wrong PINs in a row that lock PIN entry at this terminal. */
export const maxWrongPins = 5;
export const pinLockoutMs = 5 * 60_000;

/**
 * Who is signed in at the counter. The signed-in member lives in memory, so
 * a restart requires a PIN again. The wrong-PIN count and lock-out are
 * stored, so a restart does not reset them. Sign-ins and approvals run one
 * at a time, so that two PIN entries cannot both slip past the count.
 */
export class StaffSession {
  private signedIn: StoredStaff | null = null;
  private locked = false;
  /** Cached, because orders check it on the commit path; refreshed after pulls. */
  private staffExists: boolean | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: TerminalDb,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  current(): SessionState {
    const organization = readOrganizationSettings(this.db);
    const lockout = readLockout(this.db);
    const lockedOutUntil =
      lockout.lockedUntil && new Date(lockout.lockedUntil) > this.now()
        ? lockout.lockedUntil
        : null;
    const staff = this.signedIn;
    return {
      staff: staff
        ? { id: staff.id, name: staff.name, role: staff.role }
        : null,
      locked: this.locked,
      signInRequired: staff === null && this.hasStaff(),
      idleLockSeconds: organization.idleLockSeconds,
      discountLimitPercent: organization.discountLimitPercent,
      lockedOutUntil,
    };
  }

  /** Signs in the member whose PIN this is; with another PIN, switches user. */
  async signIn(pin: string): Promise<SessionState> {
    const member = await this.serialized(() => this.matchPin(pin, 'pin'));
    this.signedIn = member;
    this.locked = false;
    this.logger.info(
      { staffId: member.id, role: member.role },
      'staff signed in',
    );
    return this.current();
  }

  signOut(): SessionState {
    if (this.signedIn) {
      this.logger.info({ staffId: this.signedIn.id }, 'staff signed out');
    }
    this.signedIn = null;
    this.locked = false;
    return this.current();
  }

  /** Locks the screen. The member stays shown, and a PIN unlocks it. */
  lock(): SessionState {
    this.locked = true;
    return this.current();
  }

  /**
   * The member who may act at the counter now, or null on a terminal with no
   * staff records yet. Throws UNAUTHORIZED when nobody is signed in or the
   * screen is locked.
   */
  requireSignedIn(): StoredStaff | null {
    if (!this.signedIn) {
      if (!this.hasStaff()) return null;
      throw new GalleyError('UNAUTHORIZED', 'Sign in with your PIN first.');
    }
    if (this.locked) {
      throw new GalleyError(
        'UNAUTHORIZED',
        'The screen is locked. Sign in with your PIN first.',
      );
    }
    return this.signedIn;
  }

  private hasStaff(): boolean {
    this.staffExists ??= hasStaffRecords(this.db);
    return this.staffExists;
  }

  /**
   * Finds who approves an action: the signed-in member when their role
   * permits it, or else the owner of `approvalPin`. Throws FORBIDDEN with a
   * plain message when neither may.
   */
  async approverFor(
    action: CounterAction,
    signedIn: StoredStaff | null,
    approvalPin: string | undefined,
  ): Promise<StoredStaff> {
    if (approvalPin === undefined) {
      if (signedIn && rolePermits(signedIn.role, action)) return signedIn;
      throw forbidden(action, this.discountLimitPercent());
    }
    const approver = await this.approvalFromPin(approvalPin);
    if (!rolePermits(approver.role, action)) {
      throw forbidden(action, this.discountLimitPercent());
    }
    return approver;
  }

  /** Finds the member a PIN belongs to, counting a wrong PIN toward the lock-out. */
  approvalFromPin(pin: string): Promise<StoredStaff> {
    return this.serialized(() => this.matchPin(pin, 'approvalPin'));
  }

  discountLimitPercent(): string {
    return readOrganizationSettings(this.db).discountLimitPercent;
  }

  /** Drops a signed-in member whom the last pull made inactive or removed. */
  refreshFromStore(): void {
    this.staffExists = null;
    if (!this.signedIn) return;
    const still = readActiveStaff(this.db).find(
      (member) => member.id === this.signedIn!.id,
    );
    this.signedIn = still ?? null;
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async matchPin(pin: string, field: string): Promise<StoredStaff> {
    const now = this.now();
    const lockout = readLockout(this.db);
    if (lockout.lockedUntil && new Date(lockout.lockedUntil) > now) {
      throw this.lockedOutError(new Date(lockout.lockedUntil), field);
    }

    const members = readActiveStaff(this.db);
    if (members.length === 0) {
      throw new GalleyError(
        'PRECONDITION_FAILED',
        'No staff on this terminal yet. The owner adds staff in the back office, and the next sync brings them here.',
        { field },
      );
    }

    const matches = await Promise.all(
      members.map((member) => verifyPin(pin, member)),
    );
    const member = members[matches.indexOf(true)];
    if (member) {
      writeLockout(this.db, { failedAttempts: 0, lockedUntil: null });
      return member;
    }
    return this.recordWrongPin(lockout.failedAttempts + 1, now, field);
  }

  private recordWrongPin(
    failedAttempts: number,
    now: Date,
    field: string,
  ): never {
    if (failedAttempts >= maxWrongPins) {
      const lockedUntil = new Date(now.getTime() + pinLockoutMs);
      writeLockout(this.db, {
        failedAttempts: 0,
        lockedUntil: lockedUntil.toISOString(),
      });
      this.logger.warn(
        { lockedUntil: lockedUntil.toISOString() },
        'PIN entry locked after wrong PINs',
      );
      throw this.lockedOutError(lockedUntil, field);
    }

    writeLockout(this.db, { failedAttempts, lockedUntil: null });
    const left = maxWrongPins - failedAttempts;
    throw new GalleyError(
      'UNAUTHORIZED',
      `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left before PIN entry locks for 5 minutes.`,
      { field },
    );
  }

  private lockedOutError(until: Date, field: string): GalleyError {
    const minutes = Math.max(
      1,
      Math.ceil((until.getTime() - this.now().getTime()) / 60_000),
    );
    const timezone = readSettings(this.db).truckTimezone ?? undefined;
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(until);
    return new GalleyError(
      'TOO_MANY_REQUESTS',
      `Too many wrong PINs. Try again at ${clock} (in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}).`,
      { field },
    );
  }
}
