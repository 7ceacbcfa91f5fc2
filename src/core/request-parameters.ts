/**
 * Query parameters as Microsoft's sign-in servers read them: names compare case-insensitively, so
 * `SCOPE=`, `Scope=` and `scope=` are one parameter, and every value of every spelling counts.
 * Judging only the lowercase spelling would let `SCOPE=vso.code_full` slip past while the server reads it.
 */
export class RequestParameters {
  private readonly byName = new Map<string, string[]>();

  constructor(search: URLSearchParams) {
    this.read(search);
  }

  /**
   * These parameters followed by those of `more`, as if `more` were appended to the query (`a=1` and `b=2` read
   * as `a=1&b=2`: the form parser splits at every `&`, so the two are read apart just the same). The query
   * already read is not read again.
   */
  followedBy(more: URLSearchParams): RequestParameters {
    const joined = new RequestParameters(EMPTY_QUERY);
    for (const [key, values] of this.byName) joined.byName.set(key, [...values]);
    joined.read(more);
    return joined;
  }

  private read(search: URLSearchParams): void {
    for (const [name, value] of search) {
      const key = name.toLowerCase();
      const values = this.byName.get(key);
      if (values) values.push(value);
      else this.byName.set(key, [value]);
    }
  }

  /** The first value of `name` (lowercase), in any spelling, or null. */
  get(name: string): string | null {
    return this.byName.get(name)?.[0] ?? null;
  }

  /** Every value of `name` (lowercase), in any spelling, in the order the URL gives them. */
  getAll(name: string): readonly string[] {
    return this.byName.get(name) ?? NONE;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Lowercase names with their values, in first-seen order. */
  entries(): IterableIterator<[string, string[]]> {
    return this.byName.entries();
  }
}

const NONE: readonly string[] = Object.freeze([]);
const EMPTY_QUERY = new URLSearchParams();
