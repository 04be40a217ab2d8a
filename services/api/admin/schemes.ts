import { isUniqueViolation, type Database, type Prisma } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { messageKey } from '../../../domain/message-key';
import { legalFrameSchema } from '../../../domain/legal-frame';
import { decisionCriteriaSchema, type DecisionCriterion } from '../../../domain/round-input';
import { roundReportingTiers } from '../../../domain/rounds';
import { schemeInputSchema, schemeUpdateSchema, type SchemeDefaults, type SchemeInput, type SchemeUpdate } from '../../../domain/scheme-input';
import type { Scheme } from '../../../prisma/generated/client';
import { schemeText } from '../../../domain/scheme-texts';
import { ApiError } from '../http/errors';
import { validated } from './validated';

// Creating and changing grant schemes, shared by the JSON API and the admin pages.

/** A JSON column of texts per language, as stored (never trusted to be complete). */
function textsOf(stored: unknown): SchemeInput['name'] {
  return { da: schemeText(stored, 'da'), nb: schemeText(stored, 'nb'), en: schemeText(stored, 'en') };
}

export function schemeAsInput(scheme: Scheme): SchemeInput {
  const criteria = decisionCriteriaSchema.safeParse(scheme.decisionCriteria);
  return {
    slug: scheme.slug,
    name: textsOf(scheme.name),
    description: textsOf(scheme.description),
    legalFrame: legalFrameSchema.parse(scheme.legalFrame ?? {}),
    decisionCriteria: criteria.success ? (criteria.data as DecisionCriterion[]) : [],
    reportingTiers: roundReportingTiers(scheme),
  };
}

export type SchemeView = ReturnType<typeof schemeView>;

export function schemeView(scheme: Scheme, roundCount: number) {
  return { id: scheme.id, ...schemeAsInput(scheme), roundCount, createdAt: scheme.createdAt.toISOString(), updatedAt: scheme.updatedAt.toISOString() };
}

/** What a new round of the scheme starts from. */
export function schemeDefaults(scheme: Scheme): SchemeDefaults {
  const { legalFrame, decisionCriteria, reportingTiers } = schemeAsInput(scheme);
  return { legalFrame, decisionCriteria, reportingTiers };
}

function schemeRecord(input: SchemeInput) {
  return {
    slug: input.slug,
    name: input.name,
    description: input.description,
    // JSON drops the blank (undefined) fields.
    legalFrame: JSON.parse(JSON.stringify(input.legalFrame)) as Prisma.InputJsonValue,
    decisionCriteria: input.decisionCriteria as unknown as Prisma.InputJsonValue,
    reportingTiers: input.reportingTiers as unknown as Prisma.InputJsonValue,
  };
}

async function refuseTakenSlug<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, 'slug_taken', 'errors.scheme.slugTaken', [{ path: 'slug', message: messageKey('errors.scheme.slugTaken') }]);
    throw error;
  }
}

export async function listSchemes(db: Database): Promise<SchemeView[]> {
  const schemes = await db.scheme.findMany({ orderBy: { createdAt: 'asc' }, include: { _count: { select: { rounds: true } } } });
  return schemes.map((scheme) => schemeView(scheme, scheme._count.rounds));
}

export async function findScheme(db: Database, id: string): Promise<SchemeView | null> {
  const scheme = await db.scheme.findUnique({ where: { id }, include: { _count: { select: { rounds: true } } } });
  return scheme ? schemeView(scheme, scheme._count.rounds) : null;
}

/** A new scheme (400 on invalid input, naming each field; 409 when the slug is taken). */
export async function createScheme(db: Database, body: unknown, language: Language): Promise<SchemeView> {
  const input = validated(schemeInputSchema, body, language);
  const scheme = await refuseTakenSlug(() => db.scheme.create({ data: schemeRecord(input) }));
  return schemeView(scheme, 0);
}

/** Only the fields sent change. The rounds of the scheme keep the frame, criteria and tiers they copied. */
export async function updateScheme(db: Database, id: string, body: unknown, language: Language): Promise<{ before: SchemeView; after: SchemeView }> {
  const change: SchemeUpdate = validated(schemeUpdateSchema, body ?? {}, language);
  return refuseTakenSlug(() =>
    db.$transaction(async (tx) => {
      const scheme = await tx.scheme.findUnique({ where: { id }, include: { _count: { select: { rounds: true } } } });
      if (!scheme) throw new ApiError(404, 'not_found', 'errors.scheme.unknown');
      const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      const next = validated(schemeInputSchema, { ...schemeAsInput(scheme), ...defined }, language);
      const saved = await tx.scheme.update({ where: { id }, data: schemeRecord(next) });
      return { before: schemeView(scheme, scheme._count.rounds), after: schemeView(saved, scheme._count.rounds) };
    }),
  );
}

/** The fields that differ between two versions of a scheme (for the audit log). */
export function changedSchemeFields(before: SchemeView, after: SchemeView): string[] {
  const keys: (keyof SchemeInput)[] = ['slug', 'name', 'description', 'legalFrame', 'decisionCriteria', 'reportingTiers'];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
