/**
 * Business days follow the truck's time zone, so an order at 23:30 in
 * New York belongs to that day whatever the terminal's or the server's own
 * zone is. A truck that works past midnight sets a cut-off: with '04:00',
 * an order at 01:30 local time still belongs to the previous date.
 */

/** A business-day cut-off as local wall-clock time, 'HH:MM' in 24 hours. */
export const businessDayCutoffPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export const defaultBusinessDayCutoff = '00:00';

export function businessDateOf(
  instant: Date,
  timeZone: string,
  cutoff: string = defaultBusinessDayCutoff,
): string {
  const local = localTimeOf(instant, timeZone);
  const date = `${local.year}-${local.month}-${local.day}`;

  // Comparing wall-clock text works because both are zero-padded HH:MM.
  if (`${local.hour}:${local.minute}` < normalizeCutoff(cutoff)) {
    return previousDate(date);
  }
  return date;
}

/** Returns the local hour (0 to 23) of an instant in a time zone. */
export function localHourOf(instant: Date, timeZone: string): number {
  return Number(localTimeOf(instant, timeZone).hour);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function isValidBusinessDayCutoff(cutoff: string): boolean {
  return businessDayCutoffPattern.test(cutoff);
}

/** Adds whole days to a 'YYYY-MM-DD' date, with calendar arithmetic in UTC. */
export function addDays(date: string, days: number): string {
  const shifted = new Date(`${date}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

function previousDate(date: string): string {
  return addDays(date, -1);
}

function normalizeCutoff(cutoff: string): string {
  if (!businessDayCutoffPattern.test(cutoff)) {
    throw new RangeError(
      `Business-day cut-off "${cutoff}" is not a time in HH:MM (00:00 to 23:59).`,
    );
  }
  return cutoff;
}

interface LocalTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) =>
    parts.find((entry) => entry.type === type)?.value ?? '00';

  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}
