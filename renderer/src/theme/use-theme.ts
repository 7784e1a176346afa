import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';

const storageKey = 'galley.theme';
const darkQuery = '(prefers-color-scheme: dark)';

function readStoredTheme(): Theme | null {
  const stored = window.localStorage.getItem(storageKey);
  return stored === 'light' || stored === 'dark' ? stored : null;
}

/**
 * The colour theme: the cashier's explicit choice when there is one, else
 * the system's prefers-color-scheme. Applied as data-theme on <html>, which
 * the stylesheet keys its colour variables on.
 */
export function useTheme(): { theme: Theme; toggleTheme: () => void } {
  const [chosen, setChosen] = useState<Theme | null>(readStoredTheme);
  const [systemDark, setSystemDark] = useState(
    () => window.matchMedia(darkQuery).matches,
  );

  useEffect(() => {
    const query = window.matchMedia(darkQuery);
    const handleChange = () => setSystemDark(query.matches);
    query.addEventListener('change', handleChange);
    return () => query.removeEventListener('change', handleChange);
  }, []);

  const theme: Theme = chosen ?? (systemDark ? 'dark' : 'light');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const toggleTheme = useCallback(() => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    window.localStorage.setItem(storageKey, next);
    setChosen(next);
  }, [theme]);

  return { theme, toggleTheme };
}
