import { useEffect, useRef } from 'react';

/**
 * Opens a <dialog> as modal while the component is mounted. showModal()
 * traps focus, makes the rest of the page inert and turns Escape into a
 * cancel event, which the component handles.
 */
export function useModalDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    return () => dialog.close();
  }, []);

  return dialogRef;
}
