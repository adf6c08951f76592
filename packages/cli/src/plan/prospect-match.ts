/**
 * How a prospect id Gong lists is matched to the input's: exactly, or as the same Salesforce record in
 * its other form (15 case-sensitive characters, or those plus a 3-character suffix encoding their case):
 * the suffix is checked before the two are taken for one record.
 */

const suffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const salesforceId15 = /^[a-zA-Z0-9]{15}$/;
const salesforceId18 = /^[a-zA-Z0-9]{18}$/;

/**
 * The 3-character suffix Salesforce adds to a 15-character id: for each run of 5 characters, one
 * character of `A…Z0…5` whose index has bit `i` set when the run's character `i` is an upper-case letter.
 */
export function salesforceSuffix(id15: string): string {
  let suffix = "";
  for (let run = 0; run < 3; run++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(run * 5 + i);
      if (char >= "A" && char <= "Z") bits |= 1 << i;
    }
    suffix += suffixAlphabet.charAt(bits);
  }
  return suffix;
}

/**
 * The key under which two ids are the same record: an 18-character id whose suffix is the checksum of
 * its first 15 characters is keyed by those 15 (case-sensitive, as Salesforce compares them); any other
 * id by itself. So `0035e00000AbCdE` and `0035e00000AbCdEAAV` share a key; `0035e00000AbCdEAAA` (a
 * suffix that does not match) and `0035E00000AbCdE` (another case) do not.
 */
export function prospectKey(id: string): string {
  if (salesforceId18.test(id)) {
    const id15 = id.slice(0, 15);
    if (salesforceId15.test(id15) && id.slice(15).toUpperCase() === salesforceSuffix(id15)) return id15;
  }
  return id;
}

/** Finds the input's prospect id for an id a listing names, by {@link prospectKey}. */
export class ProspectMatcher {
  readonly #byKey = new Map<string, string>();

  constructor(inputIds: Iterable<string>) {
    for (const id of inputIds) {
      const key = prospectKey(id);
      if (!this.#byKey.has(key)) this.#byKey.set(key, id);
    }
  }

  /** The input's id of the same prospect, or undefined when the input does not name it. */
  inputIdOf(listed: string): string | undefined {
    return this.#byKey.get(prospectKey(listed));
  }
}
