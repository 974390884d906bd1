import type { CycleFormValues } from "./cycle-form";

/** The settings a new cycle starts with: opens today, three weeks to answer,
 *  k = 3, 3 to 8 peers. `today` comes from the server so that both renders agree. */
export function defaultCycleValues(today: string): CycleFormValues {
  const closes = new Date(Date.parse(`${today}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
  return { name: "", opensOn: today, closesOn: closes, minGroupSize: 3, departments: null, minPeers: 3, maxPeers: 8 };
}
