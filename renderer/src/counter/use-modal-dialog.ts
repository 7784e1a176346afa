import { useEffect, useRef } from 'react';

/**
 * Opens a <dialog> as modal while the component is mounted. showModal()
 * traps focus and makes the rest of the page inert. Escape becomes a
 * cancel event, which the component handles.
 *
 * Chromium skips the cancel event for a second Escape with no click in
 * between and closes the dialog behind React's back. The page then stays
 * inert, so the hook turns every Escape into a cancel event itself.
 */
export function useModalDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;

    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    };
    dialog.addEventListener('keydown', handleKeyDown);
    dialog.showModal();

    return () => {
      dialog.removeEventListener('keydown', handleKeyDown);
      dialog.close();
    };
  }, []);

  return dialogRef;
}
