import { readFile } from 'node:fs/promises';
import { type Plan, planSchema } from '@hark/contracts';
import { z } from 'zod';

/** infra/plans.json, from src/plans or dist/plans alike (the Docker image copies it to the same place). */
export const defaultPlansSeedFile = new URL('../../../../infra/plans.json', import.meta.url);

/**
 * The plans a fresh deployment starts with. Stripe price ids differ per Stripe account, so the
 * file leaves them null and the environment fills them in (STRIPE_PRICE_PREMIUM for `premium`).
 */
export async function readSeedPlans(
  file: URL | string,
  stripePrices: Record<string, string | undefined>,
): Promise<Plan[]> {
  const plans = z.array(planSchema).parse(JSON.parse(await readFile(file, 'utf8')));
  return plans.map((plan) => {
    const priceId = stripePrices[plan.id];
    if (!priceId || !plan.price) return plan;
    return { ...plan, price: { ...plan.price, stripePriceId: priceId } };
  });
}
