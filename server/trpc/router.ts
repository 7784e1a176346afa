import { router } from './init.js';
import { authRouter } from './routers/auth.js';
import { menuRouter } from './routers/menu.js';
import { menusRouter } from './routers/menus.js';
import { ownersRouter } from './routers/owners.js';
import { ordersRouter, reportsRouter } from './routers/reports.js';
import { settingsRouter, staffRouter } from './routers/staff.js';
import { supportRouter } from './routers/support.js';
import { syncRouter } from './routers/sync.js';
import { devicesRouter, trucksRouter } from './routers/trucks.js';

/** The central server's whole tRPC API, served at /trpc. */
export const serverRouter = router({
  auth: authRouter,
  trucks: trucksRouter,
  devices: devicesRouter,
  menu: menuRouter,
  sync: syncRouter,
  support: supportRouter,
  reports: reportsRouter,
  orders: ordersRouter,
  owners: ownersRouter,
  menus: menusRouter,
  staff: staffRouter,
  settings: settingsRouter,
});

export type ServerRouter = typeof serverRouter;
