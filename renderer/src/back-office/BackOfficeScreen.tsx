import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useLocalApi } from '../api/client.js';
import { describeApiError } from '../api/errors.js';
import { MenuEditorScreen } from './menu-editor/MenuEditorScreen.js';
import { ReportsScreen } from './reports/ReportsScreen.js';
import { SettingsScreen } from './SettingsScreen.js';
import { SignInForm } from './SignInForm.js';
import { StaffScreen } from './StaffScreen.js';
import { TrucksScreen } from './TrucksScreen.js';
import { serverQueryRoot } from './use-server.js';

const sections = [
  { id: 'menus', label: 'Menus' },
  { id: 'staff', label: 'Staff' },
  { id: 'trucks', label: 'Trucks' },
  { id: 'reports', label: 'Reports' },
  { id: 'settings', label: 'Settings' },
] as const;

type Section = (typeof sections)[number]['id'];

/**
 * The owners' back office. It works only online, with an owner's email and
 * password; every call goes through the terminal core to the server.
 */
export function BackOfficeScreen() {
  const api = useLocalApi();
  const queryClient = useQueryClient();
  const [section, setSection] = useState<Section>('menus');
  const status = useQuery(api.backOffice.status.queryOptions());
  const signOut = useMutation(
    api.backOffice.signOut.mutationOptions({
      onSettled: async () => {
        queryClient.removeQueries({ queryKey: [serverQueryRoot] });
        await queryClient.invalidateQueries({
          queryKey: api.backOffice.pathKey(),
        });
      },
    }),
  );

  if (status.isError) {
    return (
      <p className="back-office__message" role="alert">
        The back office is unavailable: {describeApiError(status.error).message}
      </p>
    );
  }
  if (!status.data) return null;
  if (!status.data.signedIn) return <SignInForm />;

  return (
    <div className="back-office">
      <header className="back-office__bar">
        <nav className="back-office__nav" aria-label="Back office">
          {sections.map((entry) => (
            <button
              key={entry.id}
              type="button"
              className={`button button--nav${section === entry.id ? ' is-active' : ''}`}
              aria-current={section === entry.id ? 'page' : undefined}
              onClick={() => setSection(entry.id)}
            >
              {entry.label}
            </button>
          ))}
        </nav>
        <span className="back-office__owner">{status.data.email}</span>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Sign out
        </button>
      </header>
      <div className="back-office__body">
        {section === 'menus' ? <MenuEditorScreen /> : null}
        {section === 'staff' ? <StaffScreen /> : null}
        {section === 'trucks' ? <TrucksScreen /> : null}
        {section === 'reports' ? <ReportsScreen /> : null}
        {section === 'settings' ? <SettingsScreen /> : null}
      </div>
    </div>
  );
}
