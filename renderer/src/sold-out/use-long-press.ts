import { useEffect, useRef } from 'react';

const longPressMs = 600;

/**
 * Pointer handlers that call onLongPress after a press held for 600 ms.
 * The click that ends a long press is swallowed, so holding a tile does not
 * also add the item.
 */
export function useLongPress<Target>(onLongPress: (target: Target) => void) {
  const timer = useRef(0);
  const fired = useRef(false);
  const latest = useRef(onLongPress);
  useEffect(() => {
    latest.current = onLongPress;
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const cancel = () => window.clearTimeout(timer.current);

  return (target: Target) => ({
    onPointerDown: () => {
      fired.current = false;
      cancel();
      timer.current = window.setTimeout(() => {
        fired.current = true;
        latest.current(target);
      }, longPressMs);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
    onContextMenu: (event: { preventDefault: () => void }) =>
      event.preventDefault(),
    /** Returns true when this click ends a long press and must be ignored. */
    endsLongPress: () => {
      const wasLong = fired.current;
      fired.current = false;
      return wasLong;
    },
  });
}
