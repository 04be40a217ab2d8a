import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { schemeText } from '../../../domain/scheme-texts';

/** The id of the scheme a statistics query names by slug, or undefined when there is none. */
export async function schemeIdOf(db: Database, slug: string): Promise<string | undefined> {
  return (await db.scheme.findUnique({ where: { slug }, select: { id: true } }))?.id;
}

/** Every scheme as the dashboard's filter offers it, named in the reader's language. */
export async function schemeOptions(db: Database, language: Language): Promise<{ slug: string; name: string }[]> {
  const schemes = await db.scheme.findMany({ orderBy: { createdAt: 'asc' }, select: { slug: true, name: true } });
  return schemes.map((scheme) => ({ slug: scheme.slug, name: schemeText(scheme.name, language) || scheme.slug }));
}
