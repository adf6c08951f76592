// Type-level readings of the spec (src/generated/spec.ts, the spec `as const`): what the type tests
// hold the generated client types to, so that no field, path or status is listed again by hand and
// an additive spec edit flows through them untouched.
import type { components, operations, paths } from "@gong-flows/client";
import type { Spec } from "../../src/generated/spec.js";

/** True when A and B are the same type (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** The keys of T that are required (not `?`). */
export type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

type SpecSchemas = Spec["components"]["schemas"];
type SpecPaths = Spec["paths"];

/** The name a `#/components/schemas/…` reference points at. */
type RefName<R> = R extends `#/components/schemas/${infer Name}` ? Name : never;

/** A schema of the spec, its `$ref` followed. */
type Resolved<S> = S extends { $ref: infer R }
  ? RefName<R> extends keyof SpecSchemas
    ? SpecSchemas[RefName<R>]
    : never
  : S;

/**
 * The TypeScript type a schema of the spec describes, for the JSON types the spec uses (objects are
 * compared by their properties instead): what each generated property must be.
 */
export type JsonTypeOf<S> =
  Resolved<S> extends { enum: readonly (infer E)[] }
    ? E
    : Resolved<S> extends { type: "string" }
      ? string
      : Resolved<S> extends { type: "boolean" }
        ? boolean
        : Resolved<S> extends { type: "integer" | "number" }
          ? number
          : Resolved<S> extends { type: "array"; items: infer I }
            ? unknown extends JsonTypeOf<I>
              ? unknown
              : JsonTypeOf<I>[]
            : unknown;

/** The component schemas of the spec that describe objects (have `properties`). */
export type ObjectSchemaName = {
  [N in keyof SpecSchemas]: SpecSchemas[N] extends { properties: object } ? N : never;
}[keyof SpecSchemas];
/** The component schemas of the spec that are enums. */
export type EnumSchemaName = {
  [N in keyof SpecSchemas]: SpecSchemas[N] extends { enum: readonly unknown[] } ? N : never;
}[keyof SpecSchemas];

type SpecProperties<N extends ObjectSchemaName> = SpecSchemas[N] extends { properties: infer P } ? P : never;
type SpecRequired<N extends ObjectSchemaName> = SpecSchemas[N] extends { required: readonly (infer R)[] } ? R : never;
type Generated<N> = N extends keyof components["schemas"] ? components["schemas"][N] : never;

/** Per object schema: the generated type has exactly the spec's properties. */
export type PropertiesAgree = { [N in ObjectSchemaName]: Equal<keyof Generated<N>, keyof SpecProperties<N>> };
/** Per object schema: exactly the spec's `required` properties are required in the generated type. */
export type RequiredAgree = { [N in ObjectSchemaName]: Equal<RequiredKeys<Generated<N>>, SpecRequired<N>> };
/**
 * Per object schema and property whose value is not an object: the generated type is the one the
 * spec's schema describes (`string`, `string[]`, `boolean`, the enum's union…).
 */
export type PropertyTypesAgree = {
  [N in ObjectSchemaName]: {
    [P in keyof SpecProperties<N>]: unknown extends JsonTypeOf<SpecProperties<N>[P]>
      ? true
      : P extends keyof Generated<N>
        ? Equal<NonNullable<Generated<N>[P]>, JsonTypeOf<SpecProperties<N>[P]>>
        : false;
  };
};
/** Per enum schema: the generated union is exactly the spec's values. */
export type EnumsAgree = {
  [N in EnumSchemaName]: Equal<Generated<N>, SpecSchemas[N] extends { enum: readonly (infer E)[] } ? E : never>;
};

/** All `true`: what each of the records above must equal. */
export type AllTrue<R> = { [K in keyof R]: R[K] extends object ? AllTrue<R[K]> : true };

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type SpecOperation<P extends keyof SpecPaths, M> = M extends keyof SpecPaths[P] ? SpecPaths[P][M] : never;
type OperationIdOf<P extends keyof SpecPaths, M> = SpecOperation<P, M> extends { operationId: infer Id } ? Id : never;

/** Every operationId of the spec. */
export type SpecOperationId = {
  [P in keyof SpecPaths]: { [M in keyof SpecPaths[P] & HttpMethod]: OperationIdOf<P, M> }[keyof SpecPaths[P] &
    HttpMethod];
}[keyof SpecPaths];

/** Per path and method of the spec: the generated path item's method is the generated operation. */
export type MethodsAgree = {
  [P in keyof SpecPaths & keyof paths]: {
    [M in HttpMethod]: M extends keyof SpecPaths[P]
      ? OperationIdOf<P, M> extends keyof operations
        ? Equal<paths[P][M], operations[OperationIdOf<P, M>]>
        : false
      : Equal<paths[P][M], undefined>;
  };
};

type OperationOf<Id> = {
  [P in keyof SpecPaths]: {
    [M in keyof SpecPaths[P] & HttpMethod]: OperationIdOf<P, M> extends Id ? SpecOperation<P, M> : never;
  }[keyof SpecPaths[P] & HttpMethod];
}[keyof SpecPaths];

/** Per operation: the generated responses are exactly the spec's documented statuses. */
export type StatusesAgree = {
  [Id in SpecOperationId & keyof operations]: Equal<
    `${keyof operations[Id]["responses"] & (string | number)}`,
    keyof (OperationOf<Id> extends { responses: infer R } ? R : never)
  >;
};

/** Per operation: a request body is required in the generated types exactly when the spec says so. */
export type BodyRequiredAgree = {
  [Id in SpecOperationId & keyof operations]: Equal<
    undefined extends operations[Id]["requestBody"] ? false : true,
    OperationOf<Id> extends { requestBody: { required: true } } ? true : false
  >;
};

/** The JSON body of a generated request, and of a generated answer of a status. */
export type JsonBody<Op extends keyof operations> = operations[Op]["requestBody"] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;
type JsonResponses<Op extends keyof operations> = {
  [S in keyof operations[Op]["responses"]]: operations[Op]["responses"][S] extends {
    content: { "application/json": infer Body };
  }
    ? Body
    : never;
}[keyof operations[Op]["responses"]];
/** Every JSON body any operation answers with. */
export type ResponseBodies = { [Op in keyof operations]: JsonResponses<Op> }[keyof operations];

/** True when every property of T, and of every object in it, is optional (responses are tolerant). */
export type AllOptionalDeep<T> = T extends readonly (infer I)[]
  ? AllOptionalDeep<I>
  : T extends object
    ? [RequiredKeys<T>] extends [never]
      ? [keyof T] extends [never]
        ? true
        : { [K in keyof T]-?: AllOptionalDeep<NonNullable<T[K]>> }[keyof T]
      : false
    : true;

/** The generated headers of each operation's 429, where the spec documents one. */
export type RateLimitHeaders = {
  [Op in keyof operations as 429 extends keyof operations[Op]["responses"]
    ? Op
    : never]: 429 extends keyof operations[Op]["responses"]
    ? operations[Op]["responses"][429] extends { headers: infer H }
      ? H
      : never
    : never;
};
