import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { useLocalApi } from './api/client.js';
import { describeApiError, isUnauthorized } from './api/errors.js';
import { forgetApiToken } from './api/token.js';
import { CounterScreen } from './counter/CounterScreen.js';
import { OrdersScreen } from './orders/OrdersScreen.js';
import { NoTokenScreen } from './setup/NoTokenScreen.js';
import { PairingScreen } from './setup/PairingScreen.js';
import { BackOfficeScreen } from './back-office/BackOfficeScreen.js';
import { LockScreen } from './staff/LockScreen.js';
import { StaffBadge } from './staff/StaffBadge.js';
import { useStaffSession } from './staff/use-staff-session.js';
import { StatusBar } from './status/StatusBar.js';
import { SupportScreen } from './support/SupportScreen.js';
import { useTheme } from './theme/use-theme.js';

type Screen = 'counter' | 'orders' | 'back-office' | 'support';

export function App() {
  const api = useLocalApi();
  const { theme, toggleTheme } = useTheme();
  const [screen, setScreen] = useState<Screen>('counter');
  const setup = useQuery(api.setup.status.queryOptions());
  const staffSession = useStaffSession();
  const tokenRejected = setup.isError && isUnauthorized(setup.error);

  // A rejected token is removed from sessionStorage, so a reload shows the
  // no-token screen instead of retrying the same token.
  useEffect(() => {
    if (tokenRejected) forgetApiToken(window.sessionStorage);
  }, [tokenRejected]);

  if (setup.isPending) {
    return <div className="center-screen">Connecting to the terminal…</div>;
  }
  if (setup.isError) {
    if (tokenRejected) return <NoTokenScreen reason="rejected" />;
    return (
      <div className="center-screen" role="alert">
        <h1>The terminal is not answering</h1>
        <p>{describeApiError(setup.error).message}</p>
        <button
          type="button"
          className="button"
          onClick={() => setup.refetch()}
        >
          Try again
        </button>
      </div>
    );
  }
  if (!setup.data.paired) return <PairingScreen status={setup.data} />;
  if (staffSession.data?.locked || staffSession.data?.signInRequired) {
    return <LockScreen truckName={setup.data.truck?.name ?? null} />;
  }

  return (
    <div className="app">
      <header className="app-bar">
        <span className="app-bar__brand">
          Galley{setup.data.truck ? ` · ${setup.data.truck.name}` : ''}
        </span>
        <nav className="app-bar__nav" aria-label="Screens">
          <ScreenLink screen="counter" current={screen} onSelect={setScreen}>
            Counter
          </ScreenLink>
          <ScreenLink screen="orders" current={screen} onSelect={setScreen}>
            Orders
          </ScreenLink>
          <ScreenLink
            screen="back-office"
            current={screen}
            onSelect={setScreen}
          >
            Back office
          </ScreenLink>
          <ScreenLink screen="support" current={screen} onSelect={setScreen}>
            Support
          </ScreenLink>
        </nav>
        <StaffBadge />
        <StatusBar />
        <button
          type="button"
          className="button button--quiet"
          onClick={toggleTheme}
          aria-label={theme === 'dark' ? 'Use light theme' : 'Use dark theme'}
        >
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
      </header>
      <main className="app-main">
        {screen === 'counter' ? <CounterScreen /> : null}
        {screen === 'orders' ? <OrdersScreen /> : null}
        {screen === 'back-office' ? <BackOfficeScreen /> : null}
        {screen === 'support' ? <SupportScreen /> : null}
      </main>
    </div>
  );
}

function ScreenLink(props: {
  screen: Screen;
  current: Screen;
  onSelect: (screen: Screen) => void;
  children: string;
}) {
  const active = props.screen === props.current;
  return (
    <button
      type="button"
      className={`button button--nav${active ? ' is-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      onClick={() => props.onSelect(props.screen)}
    >
      {props.children}
    </button>
  );
}
