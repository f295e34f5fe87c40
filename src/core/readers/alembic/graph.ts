// The revision graph: revisions linked by `down_revision` (several for a merge) and `depends_on`
// (revision ids or branch labels), ordered for replay parents first, the way `alembic upgrade
// heads` applies them. Problems Alembic itself would refuse or warn about become diagnostics:
// duplicate ids, parents that do not exist, cycles, and more than one head.

import type { Diagnostic } from '../../ir';
import { diagnosticAt } from '../../source';
import type { RevisionFile } from './revisions';

export interface RevisionGraph {
  /** The revisions in replay order: every revision after its parents and dependencies. */
  order: RevisionFile[];
  /** Revisions no other revision names as its `down_revision`, in replay order. */
  heads: string[];
  /** Each revision's parents and dependencies that exist, by id. */
  requires: Map<string, string[]>;
  diagnostics: Diagnostic[];
}

/**
 * Builds the graph of the given revisions (in the order given, which breaks ties in the replay
 * order). Revisions caught in a cycle are left out of the order, with an error naming the cycle.
 */
export function revisionGraph(revisions: RevisionFile[]): RevisionGraph {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, RevisionFile>();
  const labels = new Map<string, string>();
  for (const r of revisions) {
    const first = byId.get(r.id);
    if (first) {
      diagnostics.push(
        diagnosticAt(r.outline.file, r.idOffset, 'error', `revision "${r.id}" is defined twice (also in ${first.outline.file.path}); Alembic refuses duplicate ids — give one of them a new id (this one is left out)`, 'alembic/duplicate-revision'),
      );
      continue;
    }
    byId.set(r.id, r);
    for (const label of r.branchLabels) if (!labels.has(label)) labels.set(label, r.id);
  }
  const unique = [...byId.values()];
  const requires = new Map<string, string[]>();
  for (const r of unique) requires.set(r.id, parentsOf(r, byId, labels, diagnostics));
  const order = topologicalOrder(unique, requires, byId, diagnostics);
  const named = new Set<string>();
  for (const r of unique) for (const d of r.downRevisions) named.add(d);
  const heads = order.filter((r) => !named.has(r.id)).map((r) => r.id);
  if (heads.length > 1) diagnostics.push(multipleHeads(heads, byId));
  return { order, heads, requires, diagnostics };
}

/** The existing revisions a revision needs first: its `down_revision`s, then its `depends_on`. */
function parentsOf(r: RevisionFile, byId: Map<string, RevisionFile>, labels: Map<string, string>, diagnostics: Diagnostic[]): string[] {
  const out: string[] = [];
  for (const d of r.downRevisions) {
    if (byId.has(d)) out.push(d);
    else {
      diagnostics.push(
        diagnosticAt(r.outline.file, r.downOffset, 'error', `down_revision "${d}" of revision "${r.id}" is not a revision of this history; fix the id or add the missing migration (replayed here as if it had no such parent)`, 'alembic/missing-parent'),
      );
    }
  }
  for (const d of r.dependsOn) {
    const id = byId.has(d) ? d : labels.get(d);
    if (id !== undefined) {
      if (!out.includes(id)) out.push(id);
    } else {
      diagnostics.push(
        diagnosticAt(r.outline.file, r.dependsOffset, 'error', `depends_on "${d}" of revision "${r.id}" is neither a revision id nor a branch label of this history; fix it or remove the dependency`, 'alembic/missing-parent'),
      );
    }
  }
  return out;
}

/**
 * Kahn's algorithm; among revisions that are ready, the one given first goes first. Whatever is
 * left at the end sits on a cycle (or after one) and is reported.
 */
function topologicalOrder(revisions: RevisionFile[], requires: Map<string, string[]>, byId: Map<string, RevisionFile>, diagnostics: Diagnostic[]): RevisionFile[] {
  const position = new Map(revisions.map((r, i) => [r.id, i]));
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const r of revisions) {
    const parents = requires.get(r.id) ?? [];
    waiting.set(r.id, parents.length);
    for (const p of parents) children.set(p, [...(children.get(p) ?? []), r.id]);
  }
  const ready = revisions.filter((r) => waiting.get(r.id) === 0).map((r) => r.id);
  const order: RevisionFile[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(byId.get(id)!);
    for (const c of children.get(id) ?? []) {
      const left = waiting.get(c)! - 1;
      waiting.set(c, left);
      if (left === 0) ready.push(c);
    }
  }
  if (order.length < revisions.length) diagnostics.push(...cycles(revisions, order, requires));
  return order;
}

/** One error per cycle among the revisions that could not be ordered. */
function cycles(revisions: RevisionFile[], ordered: RevisionFile[], requires: Map<string, string[]>): Diagnostic[] {
  const done = new Set(ordered.map((r) => r.id));
  const left = revisions.filter((r) => !done.has(r.id));
  const reported = new Set<string>();
  const out: Diagnostic[] = [];
  for (const r of left) {
    if (reported.has(r.id)) continue;
    const cycle = findCycle(r.id, requires, done);
    const members = cycle ?? [r.id];
    members.forEach((m) => reported.add(m));
    const text = cycle ? `${[...cycle, cycle[0]].join(' → ')}` : r.id;
    const what = cycle ? `the revisions ${text} require each other in a cycle` : `revision "${r.id}" comes after a cycle`;
    out.push(diagnosticAt(r.outline.file, r.downOffset, 'error', `${what}; Alembic cannot order them — fix their down_revision/depends_on (they are not replayed)`, 'alembic/cycle'));
  }
  return out;
}

/** A cycle through `start` following requirements among unordered revisions, or null. */
function findCycle(start: string, requires: Map<string, string[]>, done: Set<string>): string[] | null {
  const path: string[] = [];
  const onPath = new Set<string>();
  const visited = new Set<string>();
  const visit = (id: string): string[] | null => {
    if (onPath.has(id)) return path.slice(path.indexOf(id));
    if (visited.has(id) || done.has(id)) return null;
    visited.add(id);
    onPath.add(id);
    path.push(id);
    for (const p of requires.get(id) ?? []) {
      const found = visit(p);
      if (found) return found;
    }
    path.pop();
    onPath.delete(id);
    return null;
  };
  const found = visit(start);
  return found ? [...found].reverse() : null;
}

function multipleHeads(heads: string[], byId: Map<string, RevisionFile>): Diagnostic {
  const last = byId.get(heads[heads.length - 1])!;
  const list = heads.map((h) => `"${h}"`).join(', ');
  return diagnosticAt(
    last.outline.file,
    last.idOffset,
    'warning',
    `the history has ${heads.length} heads (${list}): \`alembic upgrade head\` fails until they are merged — run \`alembic merge heads -m "merge"\` (the schema read here applies every head)`,
    'alembic/multiple-heads',
  );
}
