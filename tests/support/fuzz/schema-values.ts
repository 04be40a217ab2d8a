import fc from 'fast-check';
import { oddNumber, oddString, wrongTypeFor } from './values';

// Plausible values from an OpenAPI (JSON Schema) description, and the ways to break them: a
// request body is built valid first, then faults are put at chosen places in it.

export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export type Components = Record<string, Schema>;

export function resolve(schema: Schema | undefined, components: Components, depth = 0): Schema {
  if (!schema) return {};
  if (schema.$ref && depth < 10) return resolve(components[schema.$ref.split('/').pop()!], components, depth + 1);
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((part) => resolve(part, components, depth + 1));
    return { type: 'object', properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})), required: parts.flatMap((part) => part.required ?? []) };
  }
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) {
    const first = choice.map((option) => resolve(option, components, depth + 1)).find((option) => typeOf(option) !== 'null');
    return first ?? {};
  }
  return schema;
}

/** The one JSON type a schema asks for, or undefined when it allows several. */
export function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    return types.length === 1 ? types[0] : undefined;
  }
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.enum?.every((value) => typeof value === 'string') || typeof schema.const === 'string') return 'string';
  return undefined;
}

/** A value the schema accepts (as far as the schema alone can say), given ids for uuid fields. */
export function plausible(schema: Schema, components: Components, uuid: string, depth = 0): unknown {
  const s = resolve(schema, components);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  switch (typeOf(s)) {
    case 'object': {
      if (depth > 6) return {};
      const entries = Object.entries(s.properties ?? {}).filter(([name]) => s.required?.includes(name) || name.length % 2 === 0);
      return Object.fromEntries(entries.map(([name, property]) => [name, plausible(property, components, uuid, depth + 1)]));
    }
    case 'array':
      return depth > 6 ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => plausible(s.items ?? {}, components, uuid, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return uuid;
      if (s.format === 'date') return '2027-03-01';
      if (s.format === 'date-time') return '2027-03-01T10:00:00.000Z';
      if (s.format === 'email') return 'fuzz@eksempel.dk';
      if (s.format === 'uri') return 'https://eksempel.dk/';
      return 'Fuzz'.padEnd(s.minLength ?? 4, 'z');
    default:
      return 'Fuzz';
  }
}

/** A place in a plausible body: the path to it and its schema. */
export interface Slot {
  path: (string | number)[];
  schema: Schema;
  /** Whether the parent object requires this key. */
  required: boolean;
}

export function slotsOf(value: unknown, schema: Schema, components: Components, path: (string | number)[] = [], required = true): Slot[] {
  const s = resolve(schema, components);
  const here: Slot[] = path.length ? [{ path, schema: s, required }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => slotsOf(item, s.items ?? {}, components, [...path, index], true))];
  if (value && typeof value === 'object') {
    return [
      ...here,
      ...Object.entries(value as Record<string, unknown>).flatMap(([name, item]) =>
        slotsOf(item, s.properties?.[name] ?? {}, components, [...path, name], Boolean(s.required?.includes(name))),
      ),
    ];
  }
  return here;
}

function setAt(root: unknown, path: (string | number)[], value: unknown | typeof REMOVE): unknown {
  if (!path.length) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  if (!rest.length) {
    if (value === REMOVE) delete copy[head!];
    else copy[head!] = value;
    return copy;
  }
  copy[head!] = setAt(copy[head!], rest, value);
  return copy;
}

const REMOVE = Symbol('remove');

export interface BodyFault {
  /** What was broken, for the report. */
  description: string;
  apply(body: unknown): unknown;
}

/**
 * Faults any schema-abiding server must refuse (wrong JSON type, a missing required key, a value
 * outside an enum or a bound): a request carrying one of these changes nothing, even when signed
 * in. Empty when the schema gives nothing to break.
 */
export function certainFaults(body: unknown, schema: Schema, components: Components): fc.Arbitrary<BodyFault>[] {
  const slots = slotsOf(body, schema, components);
  const faults: fc.Arbitrary<BodyFault>[] = [];
  const typed = slots.filter((slot) => typeOf(slot.schema) !== undefined && !slot.schema.const);
  if (typed.length) {
    faults.push(
      fc.constantFrom(...typed).chain((slot) =>
        wrongTypeFor(typeOf(slot.schema)).map((value) => ({ description: `${slot.path.join('.')}: wrong type ${JSON.stringify(value)}`, apply: (b: unknown) => setAt(b, slot.path, value) })),
      ),
    );
  }
  const required = slots.filter((slot) => slot.required);
  if (required.length) {
    faults.push(fc.constantFrom(...required).map((slot) => ({ description: `${slot.path.join('.')}: missing`, apply: (b: unknown) => setAt(b, slot.path, REMOVE) })));
  }
  const enums = slots.filter((slot) => slot.schema.enum?.length);
  if (enums.length) {
    faults.push(
      fc.tuple(fc.constantFrom(...enums), oddString).filter(([slot, text]) => !slot.schema.enum!.includes(text))
        .map(([slot, text]) => ({ description: `${slot.path.join('.')}: not one of the values`, apply: (b: unknown) => setAt(b, slot.path, text) })),
    );
  }
  const bounded = slots.filter((slot) => slot.schema.maximum !== undefined || slot.schema.minimum !== undefined || slot.schema.maxLength !== undefined);
  if (bounded.length) {
    faults.push(
      fc.constantFrom(...bounded).map((slot) => {
        const s = slot.schema;
        const value = s.maxLength !== undefined ? 'x'.repeat(s.maxLength + 1) : s.maximum !== undefined ? s.maximum + 1 : s.minimum! - 1;
        return { description: `${slot.path.join('.')}: outside its bounds`, apply: (b: unknown) => setAt(b, slot.path, value) };
      }),
    );
  }
  // No text of this service may hold a NUL (PostgreSQL cannot store one): it is refused, not stored.
  const strings = slots.filter((slot) => typeOf(slot.schema) === 'string');
  if (strings.length) {
    faults.push(
      fc.tuple(fc.constantFrom(...strings), fc.constantFrom('\u0000', 'a\u0000b', 'Fuzz\u0000', '\u0000'.repeat(50))).map(([slot, text]) => ({ description: `${slot.path.join('.')}: holds a NUL`, apply: (b: unknown) => setAt(b, slot.path, text) })),
    );
  }
  return faults;
}

/** Faults that may or may not make the body invalid: odd strings and numbers, extra keys, nulls. */
export function noiseFaults(body: unknown, schema: Schema, components: Components): fc.Arbitrary<BodyFault> {
  const slots = slotsOf(body, schema, components);
  const strings = slots.filter((slot) => typeOf(slot.schema) === 'string' || typeOf(slot.schema) === undefined);
  const numbers = slots.filter((slot) => ['integer', 'number'].includes(typeOf(slot.schema) ?? ''));
  const options: fc.Arbitrary<BodyFault>[] = [
    fc.tuple(fc.oneof(oddString.filter((text) => text.length < 200), fc.constantFrom('__proto__', 'constructor', '')), fc.oneof(oddString, oddNumber, fc.constant(null)))
      .map(([key, value]) => ({ description: `extra key ${JSON.stringify(key.slice(0, 20))}`, apply: (b: unknown) => (b && typeof b === 'object' && !Array.isArray(b) ? Object.defineProperty({ ...(b as object) }, key, { value, enumerable: true }) : b) })),
  ];
  if (strings.length) options.push(fc.tuple(fc.constantFrom(...strings), oddString).map(([slot, text]) => ({ description: `${slot.path.join('.')}: odd string (${text.length} chars)`, apply: (b: unknown) => setAt(b, slot.path, text) })));
  if (numbers.length) options.push(fc.tuple(fc.constantFrom(...numbers), oddNumber).map(([slot, value]) => ({ description: `${slot.path.join('.')}: odd number ${String(value)}`, apply: (b: unknown) => setAt(b, slot.path, value) })));
  if (slots.length) options.push(fc.constantFrom(...slots).map((slot) => ({ description: `${slot.path.join('.')}: null`, apply: (b: unknown) => setAt(b, slot.path, null) })));
  return fc.oneof(...options);
}
