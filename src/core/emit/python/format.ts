// Wrapping Python statements at the line length the way ruff format does, for the shapes we emit:
// `target = call(arg, arg)` where a call may have to be split over several lines.

import { LINE_LENGTH } from './code';

/** Splits `head(a, b, c)` into head and top-level arguments; null if `expr` is not one call. */
export function splitCall(expr: string): { head: string; args: string[] } | null {
  const open = expr.indexOf('(');
  if (open <= 0 || !expr.endsWith(')')) return null;
  const head = expr.slice(0, open);
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(head)) return null;
  const inner = expr.slice(open + 1, -1);
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth < 0) return null;
    } else if (c === ',' && depth === 0) {
      args.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0 || quote) return null;
  const last = inner.slice(start).trim();
  if (last !== '') args.push(last);
  return { head, args };
}

/**
 * Formats `prefix + expr` at `indent`: one line when it fits; else the call's arguments on one
 * indented line; else one argument per line with a trailing comma (each argument wrapped in turn).
 */
export function formatStatement(indent: string, prefix: string, expr: string): string {
  const one = `${indent}${prefix}${expr}`;
  if (one.length <= LINE_LENGTH) return one;
  const call = splitCall(expr);
  if (!call) return one;
  const inner = `${indent}    `;
  const joined = call.args.join(', ');
  if (inner.length + joined.length <= LINE_LENGTH) {
    return `${indent}${prefix}${call.head}(\n${inner}${joined}\n${indent})`;
  }
  const lines = call.args.map((a) => `${formatStatement(inner, '', a)},`);
  return `${indent}${prefix}${call.head}(\n${lines.join('\n')}\n${indent})`;
}
