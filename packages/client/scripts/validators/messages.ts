/** "must be a string", "must be an object or null", … */
export function typeMessage(types: string[]): string {
  const words = types.map((t) => (t === "null" ? "null" : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
  return `must be ${words.join(" or ")}`;
}

/** The message of each keyword's issue; one home, shared by the generator and the tests' Ajv mapping. */
export const messages = {
  required: "is required",
  additionalProperties: "is not a known property (check its spelling)",
  false: "is not allowed",
  minItems: (n: number) => `must hold at least ${n} item(s)`,
  maxItems: (n: number) => `must hold at most ${n} items`,
  minLength: (n: number) => (n === 1 ? "must not be empty" : `must be at least ${n} characters long`),
  maxLength: (n: number) => `must be at most ${n} characters long`,
  pattern: (p: string) => `must match the pattern ${p}`,
  format: (f: string) => (f === "email" ? "must be an email address" : `must be a valid ${f}`),
  minimum: (n: number) => `must be ${n} or more`,
  maximum: (n: number) => `must be ${n} or less`,
  uniqueItems: "must not hold the same value twice",
  oneOf: "must match exactly one of its forms, not several",
  exclusiveMinimum: (n: number) => `must be more than ${n}`,
  exclusiveMaximum: (n: number) => `must be less than ${n}`,
  enum: (values: unknown[]) => `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
  const: (value: unknown) => `must be ${JSON.stringify(value)}`,
};
