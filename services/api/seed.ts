import type { Database } from '../../lib/db';
import { kronerToOre } from '../../domain/money';

export const DEMO_ROUND_SLUG = 'paragraf-18-loebende';

/** One open, continuous funding round so a development setup has something to apply to. */
export async function seedDemoRound(db: Database, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  await db.fundingRound.upsert({
    where: { slug: DEMO_ROUND_SLUG },
    update: {},
    create: {
      slug: DEMO_ROUND_SLUG,
      name: `§18-puljen ${year}–${year + 1} (løbende ansøgning)`,
      description:
        'Tilskud til frivilligt socialt arbejde efter servicelovens §18. Ansøgninger behandles løbende, efterhånden som de kommer ind.',
      budgetOre: kronerToOre(1_000_000),
      maxAmountOre: kronerToOre(50_000),
      opensAt: new Date(Date.UTC(year, 0, 1)),
      closesAt: new Date(Date.UTC(year + 1, 11, 31, 23, 59, 59)),
      mode: 'continuous',
    },
  });
}
