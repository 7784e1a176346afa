import { useEffect, useRef } from 'react';

import type { MenuItem } from '../../../shared/menu.js';
import { ticketStore } from '../ticket/use-ticket.js';

/**
 * Keyboard shortcuts of the counter, for a USB keypad or a laptop:
 * digits 1 to 9 add the Nth item of the open category, + and − change the
 * last line's quantity, Delete removes it, Escape leaves the focused
 * control and Enter (with nothing focused) charges. Keys typed into a text
 * field are left alone, and no shortcut fires while a dialog is open.
 */
export function useCounterKeys(options: {
  enabled: boolean;
  items: MenuItem[];
  onPickItem: (item: MenuItem) => void;
  onCharge: () => void;
}): void {
  // The listener is added once and reads the latest options through a ref,
  // so re-renders on every ticket change do not re-register it.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      const { enabled, items, onPickItem, onCharge } = latest.current;
      if (!enabled || event.defaultPrevented) return;
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTextEntry(event.target)) return;

      const handled = handleCounterKey(event.key, items, onPickItem, onCharge);
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, []);
}

function handleCounterKey(
  key: string,
  items: MenuItem[],
  onPickItem: (item: MenuItem) => void,
  onCharge: () => void,
): boolean {
  if (/^[1-9]$/.test(key)) {
    const item = items[Number(key) - 1];
    if (item) onPickItem(item);
    return item !== undefined;
  }

  const ticket = ticketStore.getState();
  const lastLine = ticket.lines.at(-1);
  switch (key) {
    case '+':
      if (lastLine) ticket.changeQuantity(lastLine.id, 1);
      return true;
    case '-':
      if (lastLine) ticket.changeQuantity(lastLine.id, -1);
      return true;
    case 'Delete':
      if (lastLine) ticket.removeLine(lastLine.id);
      return true;
    case 'Escape':
      if (document.activeElement instanceof HTMLElement) {
        document.activeElement.blur();
      }
      return true;
    case 'Enter':
      // Enter on a focused button activates that button instead.
      if (document.activeElement !== document.body) return false;
      onCharge();
      return true;
    default:
      return false;
  }
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit'].includes(target.type);
}
