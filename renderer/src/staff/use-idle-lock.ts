import { useEffect, useRef } from 'react';

const inputEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls onIdle once after `idleSeconds` without pointer, key, wheel or
 * touch input anywhere in the window. Null turns the timer off.
 */
export function useIdleLock(options: {
  idleSeconds: number | null;
  onIdle: () => void;
}): void {
  const { idleSeconds } = options;
  const onIdleRef = useRef(options.onIdle);
  useEffect(() => {
    onIdleRef.current = options.onIdle;
  });

  useEffect(() => {
    if (idleSeconds === null || idleSeconds <= 0) return;
    let timer = 0;
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => onIdleRef.current(), idleSeconds * 1000);
    };
    restart();
    for (const name of inputEvents) {
      window.addEventListener(name, restart, { passive: true, capture: true });
    }
    return () => {
      window.clearTimeout(timer);
      for (const name of inputEvents) {
        window.removeEventListener(name, restart, { capture: true });
      }
    };
  }, [idleSeconds]);
}
