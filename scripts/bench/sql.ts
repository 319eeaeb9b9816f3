/**
 * Small SQL builders for the set-based synthetic data: deterministic pseudo-random numbers from a row number
 * (so a child row can recompute what its parent drew, and every run loads the same data), weighted choices,
 * and cuid-like ids.
 */

/** A uniform number in [0, 1) from an integer expression and a salt: the same inputs, the same number. */
export function rnd(expr: string, salt: number): string {
  return `((hashint8extended((${expr})::bigint, ${salt}) & 2147483647)::float8 / 2147483648.0)`;
}

/** An integer in [min, max] from an integer expression and a salt. */
export function rndInt(expr: string, salt: number, min: number, max: number): string {
  return `(${min} + floor(${rnd(expr, salt)} * ${max - min + 1})::int)`;
}

/** A weighted choice: `case when r < w1 then v1 when r < w1+w2 then v2 … end`, cast to `type` when given. */
export function pick(r: string, choices: [value: string | null, weight: number][], type?: string): string {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let acc = 0;
  const whens = choices.slice(0, -1).map(([value, weight]) => {
    acc += weight;
    return `when ${r} < ${(acc / total).toFixed(6)} then ${quote(value)}`;
  });
  const last = quote(choices[choices.length - 1][0]);
  const expr = `(case ${whens.join(" ")} else ${last} end)`;
  return type ? `${expr}::"${type}"` : expr;
}

/** A value from a list by an integer expression (1-based, modulo the list's length). */
export function nth(list: string[], expr: string): string {
  return `((array[${list.map(quote).join(", ")}])[1 + ((${expr})::bigint % ${list.length})])`;
}

/** A cuid-like id (25 lower-case characters, starting with c) for row `n` of kind `kind`. */
export function id(kind: string, n: string): string {
  return `('c' || substr(md5('${kind}' || (${n})::text), 1, 24))`;
}

export function quote(value: string | null): string {
  return value === null ? "null" : `'${value.replace(/'/g, "''")}'`;
}
