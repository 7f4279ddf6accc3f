import { createWorkshop, DEFAULT_FACILITATOR_NAME } from './api/workshopRoutes';
import type { Storage } from './storage/Storage';
import { DEMO_SEED, DEMO_TITLE } from './workshopSeed';

export interface DemoWorkshop {
  workshopId: string;
  joinCode: string;
}

const DEMO_KEY = 'demo-workshop';

/**
 * On the first start with an empty data folder, creates the demo workshop and returns its
 * facilitator token, to be shown once to the operator at the terminal; later starts return null.
 * The token is not kept anywhere but in the registry's hash (it grants running the workshop).
 */
export async function ensureDemoWorkshop(storage: Storage, now: number): Promise<(DemoWorkshop & { facilitatorToken: string }) | null> {
  if (await storage.registry.getSetting(DEMO_KEY)) return null;
  // Several nodes starting together on an empty database: one creates it, the others find it.
  return storage.registry.exclusive(DEMO_KEY, async () => {
    if (await storage.registry.getSetting(DEMO_KEY)) return null;
    const created = await createWorkshop(storage, { title: DEMO_TITLE, facilitatorName: DEFAULT_FACILITATOR_NAME, seed: DEMO_SEED, now });
    const demo: DemoWorkshop = { workshopId: created.id, joinCode: created.joinCode };
    await storage.registry.setSetting(DEMO_KEY, JSON.stringify(demo));
    return { ...demo, facilitatorToken: created.facilitatorToken };
  });
}

export const facilitatorLink = (baseUrl: string, workshopId: string, token: string) => `${baseUrl}/w/${workshopId}#token=${encodeURIComponent(token)}`;
export const joinLink = (baseUrl: string, joinCode: string) => `${baseUrl}/join/${joinCode}`;
