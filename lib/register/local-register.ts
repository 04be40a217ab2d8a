import fs from 'node:fs';
import { z } from 'zod';
import { organizationNumberRule } from '../organization-number';
import { DEFAULT_JURISDICTION, type Jurisdiction } from '../jurisdiction';
import { isActiveRegisterStatus, type BusinessRegister, type RegisteredEntity, type RegisterLookup } from './business-register';

// Strict objects: a misspelt field ("postnummer" for "postalCode") in a hand-edited file should
// fail at start-up, not quietly turn into a missing address during screening.
const addressSchema = z.strictObject({
  street: z.string().trim().min(1),
  postalCode: z.string().regex(/^\d{4}$/, 'must be four digits, e.g. "9991"'),
  city: z.string().trim().min(1),
  municipalityCode: z.number().int().positive().nullable(),
});

/** An entry: `cvr` holds the organisation number of the file's jurisdiction (CVR or organisasjonsnummer). */
function associationSchema(jurisdiction: Jurisdiction) {
  const rule = organizationNumberRule(jurisdiction);
  return z.strictObject({
    cvr: z
      .string()
      .regex(new RegExp(`^\\d{${rule.digits}}$`), { message: `must be ${rule.digits === 8 ? 'eight' : 'nine'} digits (JURISDICTION=${jurisdiction})`, abort: true })
      .refine(rule.isValid, 'fails the modulus-11 check, so no register would hold it'),
    name: z.string().trim().min(1),
    status: z.string().trim().min(1),
    formCode: z.number().int().positive().nullable(),
    formName: z.string().trim().min(1).nullable(),
    address: addressSchema.nullable(),
    signingRule: z.strictObject({ text: z.string().trim().min(1), signatories: z.array(z.string().trim().min(1)).min(1) }).optional(),
  });
}

function registerFileSchema(jurisdiction: Jurisdiction) {
  return z.strictObject({
    description: z.string().optional(),
    associations: z.array(associationSchema(jurisdiction)).superRefine((associations, ctx) => {
      const firstIndexByCvr = new Map<string, number>();
      associations.forEach((association, index) => {
        const first = firstIndexByCvr.get(association.cvr);
        if (first === undefined) firstIndexByCvr.set(association.cvr, index);
        else ctx.addIssue({ code: 'custom', path: [index, 'cvr'], message: `duplicates entry ${first + 1}` });
      });
    }),
  });
}

export type LocalRegisterEntry = z.infer<ReturnType<typeof associationSchema>>;

/** A register held in memory: for development, tests and demonstrations, never for real cases. */
export class LocalBusinessRegister implements BusinessRegister {
  readonly name = 'local';
  private readonly byCvr: ReadonlyMap<string, RegisteredEntity>;
  private readonly normalize: (value: string) => string;

  constructor(entries: readonly LocalRegisterEntry[], jurisdiction: Jurisdiction = DEFAULT_JURISDICTION) {
    this.normalize = organizationNumberRule(jurisdiction).normalize;
    this.byCvr = new Map(entries.map((entry) => [entry.cvr, { ...entry, active: isActiveRegisterStatus(entry.status) }]));
  }

  async lookup(cvr: string): Promise<RegisterLookup> {
    const normalized = this.normalize(cvr);
    const entity = this.byCvr.get(normalized);
    // A copy, so a caller that edits its result cannot change what the next lookup returns.
    return entity ? { found: true, entity: structuredClone(entity) } : { found: false, cvr: normalized };
  }

  get size(): number {
    return this.byCvr.size;
  }
}

/**
 * Reads and validates the file once; throws an Error naming the file and each bad entry. The
 * jurisdiction says which organisation numbers the file holds (DK: CVR, NO: organisasjonsnummer).
 */
export function loadLocalRegister(file: string, jurisdiction: Jurisdiction = DEFAULT_JURISDICTION): LocalBusinessRegister {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Business register file ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Business register file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = registerFileSchema(jurisdiction).safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${describeLocation(issue.path, json)}: ${issue.message}`);
    throw new Error(`Business register file ${file} is invalid:\n${problems.join('\n')}`);
  }
  return new LocalBusinessRegister(parsed.data.associations, jurisdiction);
}

/** "entry 3 (cvr 99100001, "Foreningen X") → address.postalCode", so the line is easy to find. */
function describeLocation(path: readonly PropertyKey[], json: unknown): string {
  const [top, index, ...rest] = path;
  if (top !== 'associations' || typeof index !== 'number') return path.length ? path.map(String).join('.') : '(file)';
  const raw = (json as { associations: unknown[] }).associations[index];
  const { cvr, name } = (typeof raw === 'object' && raw !== null ? raw : {}) as { cvr?: unknown; name?: unknown };
  const identity = [typeof cvr === 'string' ? `cvr ${cvr}` : null, typeof name === 'string' ? JSON.stringify(name) : null]
    .filter(Boolean)
    .join(', ');
  const entry = `entry ${index + 1}${identity ? ` (${identity})` : ''}`;
  return rest.length ? `${entry} → ${rest.map(String).join('.')}` : entry;
}
