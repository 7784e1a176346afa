import { useState } from 'react';

import type { CurrentMenu } from '../../../shared/local-api.js';
import { useTicket } from '../ticket/use-ticket.js';

/**
 * The menu version the open ticket is priced with. A ticket keeps the
 * version that was current when its first line was added, so a menu that
 * arrives mid-order changes no price on it; the next ticket starts on the
 * latest version. `newerArrived` is true while the two differ.
 */
export function usePinnedMenu(latest: CurrentMenu) {
  const hasLines = useTicket((state) => state.lines.length > 0);
  const [pinned, setPinned] = useState<CurrentMenu | null>(null);

  // Adjusted during render (not in an effect), so the first line is never
  // priced with a menu other than the one it pins.
  if (!hasLines && pinned !== null) setPinned(null);
  if (hasLines && pinned === null) setPinned(latest);

  const menu = hasLines && pinned ? pinned : latest;
  return { menu, newerArrived: menu.version !== latest.version };
}
