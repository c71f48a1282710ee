import { describe, expect, it } from 'vitest';
import { successors, type ApiGraph } from '../../../src/blueprints/generation/api-graph.ts';
import { randomWalk } from '../../../src/blueprints/generation/random-walk.ts';
import { seededRandom } from '../../../src/rollout/offline/seeded-random.ts';
import { domainFixture } from './generation-fixtures.ts';

const node = (name: string, kind: 'read' | 'write', entry = false) => ({ name, kind, entry, provides: [], sampledRuns: 0 });

describe('the random walk over the API graph', () => {
  it('is seeded: the same seed walks the same path', () => {
    const { graph } = domainFixture('retail');
    for (let seed = 0; seed < 20; seed++) expect(randomWalk(graph, seededRandom(seed))).toEqual(randomWalk(graph, seededRandom(seed)));
    const paths = new Set(Array.from({ length: 40 }, (_, seed) => randomWalk(graph, seededRandom(seed)).join('>')));
    expect(paths.size).toBeGreaterThan(10);
  });

  it('starts at an identification tool, follows edges, and reaches a write tool on both domains', () => {
    for (const name of ['retail', 'airline'] as const) {
      const { graph } = domainFixture(name);
      const kind = new Map(graph.nodes.map((entry) => [entry.name, entry.kind]));
      for (let seed = 0; seed < 100; seed++) {
        const walk = randomWalk(graph, seededRandom(seed));
        expect(graph.nodes.find((entry) => entry.name === walk[0])?.entry).toBe(true);
        expect(walk.some((tool) => kind.get(tool) === 'write')).toBe(true);
        expect(walk.filter((tool) => kind.get(tool) === 'write').length).toBeLessThanOrEqual(2);
        expect(new Set(walk).size).toBe(walk.length);
        // Every step after the first is a successor of some read tool before it.
        walk.slice(1).forEach((tool, index) => {
          const earlier = walk.slice(0, index + 1).filter((previous) => kind.get(previous) === 'read');
          expect(earlier.some((previous) => successors(graph, previous).includes(tool))).toBe(true);
        });
      }
    }
  });

  it('appends the shortest path to a write when the random steps found none', () => {
    const graph: ApiGraph = {
      domain: 'toy',
      nodes: [node('identify', 'read', true), node('a', 'read'), node('b', 'read'), node('c', 'read'), node('write', 'write')],
      edges: [
        { from: 'identify', to: 'a', via: ['x'] },
        { from: 'a', to: 'b', via: ['x'] },
        { from: 'b', to: 'c', via: ['x'] },
        { from: 'c', to: 'write', via: ['x'] },
      ],
    };
    expect(randomWalk(graph, seededRandom(1), { maxSteps: 2 })).toEqual(['identify', 'a', 'b', 'c', 'write']);
  });

  it('has no write to reach in a read-only graph', () => {
    const graph: ApiGraph = { domain: 'toy', nodes: [node('identify', 'read', true), node('a', 'read')], edges: [{ from: 'identify', to: 'a', via: ['x'] }] };
    expect(randomWalk(graph, seededRandom(3))).toEqual(['identify', 'a']);
  });
});
