// The foreign-key graph: insertion order, cycles and how to break them, self-references and
// many-to-many association tables. Pure and deterministic: ties always follow source order.

import type { Column, Diagnostic, ForeignKey, Schema, Table } from '../ir';

export interface FkEdge {
  /** Child table (holds the FK). */
  table: string;
  /** Parent table (referenced). */
  refTable: string;
  fk: ForeignKey;
  /** Every FK column is nullable, so the row can be inserted with the FK unset. */
  nullable: boolean;
}

export interface CycleBreak {
  table: string;
  columns: string[];
  refTable: string;
  /** Why this FK can be broken: set it after insert (`nullable`) or at commit (`deferrable`). */
  strategy: 'nullable' | 'deferrable';
}

export interface Cycle {
  /** Tables of the strongly connected component, in source order. */
  tables: string[];
  breakAt: CycleBreak[];
  /** False when no nullable or deferrable FK can break it: no insert order exists. */
  breakable: boolean;
}

export interface Association {
  /** The association table (qualified name). */
  table: string;
  left: ForeignKey;
  right: ForeignKey;
}

export interface Analysis {
  /** Every table once: parents before children, except self-references and broken cycle FKs. */
  order: string[];
  cycles: Cycle[];
  selfReferences: { table: string; fk: ForeignKey; nullable: boolean }[];
  associations: Association[];
  /** For each table, the distinct parent tables it references (self excluded), in FK order. */
  dependencies: Record<string, string[]>;
  diagnostics: Diagnostic[];
}

export function analyze(schema: Schema): Analysis {
  const tables = schema.tables;
  const index = new Map<string, number>();
  tables.forEach((t, i) => index.set(t.name, i));
  const diagnostics: Diagnostic[] = [];

  const edges: FkEdge[] = [];
  const selfReferences: Analysis['selfReferences'] = [];
  const dependencies: Record<string, string[]> = {};
  for (const t of tables) {
    if (t.foreignKeys.length === 0) {
      dependencies[t.name] = [];
      continue;
    }
    const deps: string[] = [];
    for (const fk of t.foreignKeys) {
      if (!index.has(fk.refTable)) continue; // reported by validation
      const nullable = fk.columns.every((c) => lastColumnNamed(t, c)?.nullable ?? true);
      if (fk.refTable === t.name) {
        selfReferences.push({ table: t.name, fk, nullable });
        continue;
      }
      edges.push({ table: t.name, refTable: fk.refTable, fk, nullable });
      if (!deps.includes(fk.refTable)) deps.push(fk.refTable);
    }
    dependencies[t.name] = deps;
  }

  for (const s of selfReferences) {
    if (!s.nullable && !s.fk.deferrable) {
      const l = s.fk.location;
      diagnostics.push({
        severity: 'warning',
        message: `"${s.table}" references itself through NOT NULL ${s.fk.columns.join(', ')}: the first row can only point at itself; make the column nullable or the constraint DEFERRABLE`,
        file: l.file,
        line: l.line,
        column: l.column,
        code: 'fk/self-not-null',
      });
    }
  }

  // Strongly connected components, then a break plan for each one with more than one table.
  const sccs = stronglyConnected(tables.map((t) => t.name), edges, index);
  const cycles: Cycle[] = [];
  const broken = new Set<FkEdge>();
  for (const component of sccs) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const inner = edges.filter((e) => members.has(e.table) && members.has(e.refTable));
    const plan = planBreaks(component, inner, index);
    for (const e of plan.removed) broken.add(e);
    const cycle: Cycle = {
      tables: [...component].sort((a, b) => index.get(a)! - index.get(b)!),
      breakAt: plan.removed
        .filter((e) => e.nullable || e.fk.deferrable)
        .map((e) => ({
          table: e.table,
          columns: [...e.fk.columns],
          refTable: e.refTable,
          strategy: e.nullable ? 'nullable' : 'deferrable',
        })),
      breakable: plan.breakable,
    };
    cycles.push(cycle);
    if (!plan.breakable) {
      const first = tables[index.get(cycle.tables[0])!];
      const path = cycle.tables.join(' → ');
      diagnostics.push({
        severity: 'error',
        message: `foreign keys form a cycle with no insert order (${path} → ${cycle.tables[0]}): every FK in it is NOT NULL and not DEFERRABLE, so no row can be inserted first; make one of these FKs nullable or DEFERRABLE INITIALLY DEFERRED`,
        file: first.location.file,
        line: first.location.line,
        column: first.location.column,
        code: 'fk/unbreakable-cycle',
      });
    }
  }
  cycles.sort((a, b) => index.get(a.tables[0])! - index.get(b.tables[0])!);

  const order = topologicalOrder(
    tables.map((t) => t.name),
    edges.filter((e) => !broken.has(e)),
    index,
  );

  return {
    order,
    cycles,
    selfReferences,
    associations: findAssociations(schema),
    dependencies,
    diagnostics,
  };
}

/** The last column of that name (a table's columns by name, later ones winning). */
function lastColumnNamed(t: Table, name: string): Column | undefined {
  for (let i = t.columns.length - 1; i >= 0; i--) if (t.columns[i].name === name) return t.columns[i];
  return undefined;
}

/** Kahn's algorithm; among tables ready at the same time, the one written first goes first. */
function topologicalOrder(names: string[], edges: FkEdge[], index: Map<string, number>): string[] {
  const indegree = new Map<string, number>(names.map((n) => [n, 0]));
  const children = new Map<string, string[]>();
  // Each (table, parent) pair once, keyed by their positions (no key strings to build).
  const seen = new Set<number>();
  for (const e of edges) {
    const key = index.get(e.table)! * names.length + index.get(e.refTable)!;
    if (seen.has(key)) continue;
    seen.add(key);
    indegree.set(e.table, indegree.get(e.table)! + 1);
    const list = children.get(e.refTable) ?? [];
    list.push(e.table);
    children.set(e.refTable, list);
  }
  const heap = new MinHeap();
  for (const n of names) if (indegree.get(n) === 0) heap.push(index.get(n)!);
  const order: string[] = [];
  while (heap.size > 0) {
    const n = names[heap.pop()];
    order.push(n);
    for (const c of children.get(n) ?? []) {
      const d = indegree.get(c)! - 1;
      indegree.set(c, d);
      if (d === 0) heap.push(index.get(c)!);
    }
  }
  return order;
}

/**
 * Tarjan's algorithm, iterative so deep FK chains cannot overflow the stack. Only components of
 * two or more tables are returned (a lone table is no cycle; self-references are handled apart),
 * so the many tables outside cycles cost no array each. The graph and the work stack are flat
 * arrays of table positions: per-table lists and frames would be thousands of small arrays.
 */
function stronglyConnected(names: string[], edges: FkEdge[], index: Map<string, number>): string[][] {
  const n = names.length;
  // Adjacency in compressed form: the targets of table v are `targets[first[v] .. first[v + 1])`,
  // in edge order.
  const first = new Int32Array(n + 1);
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) {
    from[k] = index.get(edges[k].table)!;
    to[k] = index.get(edges[k].refTable)!;
    first[from[k] + 1]++;
  }
  for (let v = 0; v < n; v++) first[v + 1] += first[v];
  const targets = new Int32Array(edges.length);
  const filled = first.slice(0, n);
  for (let k = 0; k < edges.length; k++) targets[filled[from[k]]++] = to[k];

  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  // The depth-first work stack: a table and the position of its next edge to follow.
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let depth = 0;
  const result: string[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    workNode[0] = root;
    workEdge[0] = first[root];
    depth = 1;
    order[root] = low[root] = counter++;
    stack[top++] = root;
    onStack[root] = 1;
    while (depth > 0) {
      const v = workNode[depth - 1];
      const i = workEdge[depth - 1];
      if (i < first[v + 1]) {
        workEdge[depth - 1]++;
        const w = targets[i];
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[top++] = w;
          onStack[w] = 1;
          workNode[depth] = w;
          workEdge[depth] = first[w];
          depth++;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], order[w]);
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = workNode[depth - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        // The component is the stack from `v` up, listed from the top down.
        let at = top - 1;
        while (stack[at] !== v) at--;
        if (top - at > 1) {
          const component: string[] = [];
          for (let k = top - 1; k >= at; k--) component.push(names[stack[k]]);
          result.push(component);
        }
        for (let k = at; k < top; k++) onStack[stack[k]] = 0;
        top = at;
      }
    }
  }
  return result;
}

/**
 * Chooses FKs to remove until the component is acyclic: repeatedly find a cycle and remove its
 * best edge. Preference: `use_alter` FKs the user marked, then nullable ones, then DEFERRABLE ones;
 * among equals, a forward reference (parent written after the child), then source order.
 */
function planBreaks(
  component: string[],
  inner: FkEdge[],
  index: Map<string, number>,
): { removed: FkEdge[]; breakable: boolean } {
  const rank = (e: FkEdge): number => {
    if (e.nullable && e.fk.useAlter) return 0;
    if (e.nullable) return 1;
    if (e.fk.deferrable) return 2;
    return 3;
  };
  const forward = (e: FkEdge): number => (index.get(e.refTable)! > index.get(e.table)! ? 0 : 1);
  const remaining = new Set(inner);
  const removed: FkEdge[] = [];
  let breakable = true;
  for (;;) {
    const cycle = findCycle(component, [...remaining], index);
    if (!cycle) break;
    const best = [...cycle].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        forward(a) - forward(b) ||
        index.get(a.table)! - index.get(b.table)! ||
        inner.indexOf(a) - inner.indexOf(b),
    )[0];
    if (rank(best) === 3) breakable = false;
    // Removing one edge of a table pair is not enough when several FKs join the same pair in
    // the same direction: remove all of them (each is listed as its own break).
    for (const e of [...remaining]) {
      if (e.table === best.table && e.refTable === best.refTable) {
        remaining.delete(e);
        removed.push(e);
        if (rank(e) === 3) breakable = false;
      }
    }
  }
  removed.sort((a, b) => index.get(a.table)! - index.get(b.table)! || inner.indexOf(a) - inner.indexOf(b));
  return { removed, breakable };
}

/** Some cycle among `edges` (as its edge list), or null. Deterministic for the same input. */
function findCycle(nodes: string[], edges: FkEdge[], index: Map<string, number>): FkEdge[] | null {
  const out = new Map<string, FkEdge[]>();
  for (const e of edges) {
    const list = out.get(e.table) ?? [];
    list.push(e);
    out.set(e.table, list);
  }
  const state = new Map<string, 0 | 1 | 2>();
  const sorted = [...nodes].sort((a, b) => index.get(a)! - index.get(b)!);
  for (const start of sorted) {
    if (state.get(start)) continue;
    const path: FkEdge[] = [];
    const work: [string, number][] = [[start, 0]];
    state.set(start, 1);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const list = out.get(v) ?? [];
      if (i < list.length) {
        frame[1]++;
        const e = list[i];
        const s = state.get(e.refTable) ?? 0;
        if (s === 0) {
          state.set(e.refTable, 1);
          path.push(e);
          work.push([e.refTable, 0]);
        } else if (s === 1) {
          const from = path.findIndex((p) => p.table === e.refTable);
          return [...(from === -1 ? [] : path.slice(from)), e];
        }
        continue;
      }
      state.set(v, 2);
      work.pop();
      path.pop();
    }
  }
  return null;
}

/**
 * A table is an association (many-to-many link) when it has exactly two FKs, every column is part
 * of one of them or has a default/is an autoincrement key, and it has no model of its own or its
 * primary key is made of the FK columns.
 */
function findAssociations(schema: Schema): Association[] {
  const result: Association[] = [];
  for (const t of schema.tables) {
    if (t.foreignKeys.length !== 2) continue;
    const inForeignKey = (name: string) => t.foreignKeys[0].columns.includes(name) || t.foreignKeys[1].columns.includes(name);
    if (t.columns.some((c) => !inForeignKey(c.name) && !isFiller(c))) continue;
    const fkCols = new Set(t.foreignKeys.flatMap((f) => f.columns));
    const pkIsFks = t.primaryKey.length > 0 && t.primaryKey.every((c) => fkCols.has(c));
    if (t.model !== null && !pkIsFks && !hasCompositeUnique(t, fkCols)) continue;
    result.push({ table: t.name, left: t.foreignKeys[0], right: t.foreignKeys[1] });
  }
  return result;
}

function isFiller(c: Column): boolean {
  return c.autoincrement || c.hasDefault || c.computed;
}

function hasCompositeUnique(t: Table, fkCols: Set<string>): boolean {
  return t.uniqueConstraints.some((u) => u.columns.length === fkCols.size && u.columns.every((c) => fkCols.has(c)));
}

class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      const t = a[p];
      a[p] = a[i];
      a[i] = t;
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        const t = a[m];
        a[m] = a[i];
        a[i] = t;
        i = m;
      }
    }
    return top;
  }
}
