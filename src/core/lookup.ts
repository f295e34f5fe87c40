// Lookup tables keyed by names from the user's schema (type names, table names, function names):
// without a prototype, so `constructor`, `toString` or `__proto__` are just names that are not in
// the table rather than Object.prototype's members.

/** A frozen, prototype-less copy of `entries`. */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
