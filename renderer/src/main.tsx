import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { resolveConnection } from './api/connection.js';
import { Root } from './Root.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/counter.css';
import './styles/screens.css';
import './styles/staff.css';
import './styles/back-office.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing the #root element.');
const root = createRoot(container);

// The connection is resolved before the first render so that the listener
// for the Electron preload's port exists as early as possible.
resolveConnection((connection) => {
  root.render(
    <StrictMode>
      <Root connection={connection} />
    </StrictMode>,
  );
});
