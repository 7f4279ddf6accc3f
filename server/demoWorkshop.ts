import { createWorkshop, DEFAULT_FACILITATOR_NAME } from './api/workshopRoutes';
import type { Storage } from './storage/Storage';
import { DEMO_SEED, DEMO_TITLE } from './workshopSeed';

export interface DemoWorkshop {
  workshopId: string;
  joinCode: string;
  facilitatorToken: string;
}

const DEMO_KEY = 'demo-workshop';

/**
 * On the first start with an empty data folder, creates the demo workshop; on every start returns it
 * so its links can be printed again (the operator runs this server on their own machine, so keeping
 * the demo facilitator token in the settings table is the convenient trade-off).
 */
export async function ensureDemoWorkshop(storage: Storage, now: number): Promise<DemoWorkshop> {
  const stored = await storage.registry.getSetting(DEMO_KEY);
  if (stored) return JSON.parse(stored) as DemoWorkshop;
  // Several nodes starting together on an empty database: one creates it, the others find it.
  return storage.registry.exclusive(DEMO_KEY, async () => {
    const createdMeanwhile = await storage.registry.getSetting(DEMO_KEY);
    if (createdMeanwhile) return JSON.parse(createdMeanwhile) as DemoWorkshop;
    const created = await createWorkshop(storage, { title: DEMO_TITLE, facilitatorName: DEFAULT_FACILITATOR_NAME, seed: DEMO_SEED, now });
    const demo: DemoWorkshop = { workshopId: created.id, joinCode: created.joinCode, facilitatorToken: created.facilitatorToken };
    await storage.registry.setSetting(DEMO_KEY, JSON.stringify(demo));
    return demo;
  });
}

export const facilitatorLink = (baseUrl: string, workshopId: string, token: string) =>
  `${baseUrl}/w/${workshopId}#token=${encodeURIComponent(token)}`;
export const joinLink = (baseUrl: string, joinCode: string) => `${baseUrl}/join/${joinCode}`;
