import { expect, it } from 'vitest';

import { runTorture } from './torture.js';

it(
  'loses and doubles no order across 21 kills',
  { timeout: 240_000 },
  async () => {
    const result = await runTorture({ kills: 21 });

    expect(result.kills).toBe(21);
    expect(result.killsByPhase).toEqual({
      'order entry': 7,
      'outbox flush': 7,
      'menu pull': 7,
    });
    expect(result.confirmed).toBeGreaterThan(0);
    expect(result.lost).toBe(0);
    expect(result.lostLocally).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.phantoms).toBe(0);
    expect(result.serverRows).toBe(result.terminalOrders);
    expect(result.committedUnconfirmed).toBeLessThanOrEqual(result.kills);
  },
);
