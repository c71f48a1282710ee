import { pick } from '../../rollout/offline/seeded-random.ts';
import { successors, type ApiGraph } from './api-graph.ts';

export interface RandomWalkOptions {
  /** The most tools a walk visits before it stops looking (default 7). */
  maxSteps?: number;
  /** The chance to stop after each write tool (default 0.6): the rest go on to another write. */
  stopAfterWrite?: number;
  /** The most write tools on one walk (default 2): longer tasks come from recombination. */
  maxWrites?: number;
}

/**
 * A seeded random walk over the API graph: it starts at an identification tool, follows edges (never
 * visiting a tool twice), and stops after a write tool. When the domain has write tools the walk always
 * reaches one: if the random steps found none, the shortest path from the walk to a write is appended.
 */
export function randomWalk(graph: ApiGraph, random: () => number, options: RandomWalkOptions = {}): string[] {
  const maxSteps = options.maxSteps ?? 7;
  const stopAfterWrite = options.stopAfterWrite ?? 0.6;
  const maxWrites = options.maxWrites ?? 2;
  const kind = new Map(graph.nodes.map((node) => [node.name, node.kind]));
  const isWrite = (name: string) => kind.get(name) === 'write';
  const withEdges = graph.nodes.filter((node) => successors(graph, node.name).length > 0);
  const starts = withEdges.filter((node) => node.entry);
  const startNodes = starts.length > 0 ? starts : withEdges;
  if (startNodes.length === 0) return [];

  let current = pick(random, startNodes).name;
  const walk = [current];
  while (walk.length < maxSteps) {
    const next = successors(graph, current).filter((name) => !walk.includes(name));
    if (next.length === 0) break;
    const step = pick(random, next);
    walk.push(step);
    if (!isWrite(step)) current = step;
    else if (walk.filter(isWrite).length >= maxWrites || random() < stopAfterWrite) break;
  }

  const writes = graph.nodes.filter((node) => node.kind === 'write').map((node) => node.name);
  if (writes.length > 0 && !walk.some(isWrite)) walk.push(...pathToWrite(graph, walk, isWrite, random, writes));
  return walk;
}

/** The shortest path from a tool of the walk to a write tool (its first step excluded), or one write tool. */
function pathToWrite(graph: ApiGraph, walk: readonly string[], isWrite: (name: string) => boolean, random: () => number, writes: string[]): string[] {
  const previous = new Map<string, string | null>(walk.map((name) => [name, null]));
  const queue = [...walk].reverse();
  while (queue.length > 0) {
    const name = queue.shift() as string;
    for (const next of successors(graph, name)) {
      if (previous.has(next)) continue;
      previous.set(next, name);
      if (isWrite(next)) {
        const path = [next];
        for (let step = previous.get(next); step && !walk.includes(step); step = previous.get(step)) path.unshift(step);
        return path;
      }
      queue.push(next);
    }
  }
  return [pick(random, writes)];
}
