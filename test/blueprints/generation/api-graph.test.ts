import { describe, expect, it } from 'vitest';
import { buildApiGraph, formatApiGraph, successors, type ApiGraph } from '../../../src/blueprints/generation/api-graph.ts';
import { nameVariants } from '../../../src/blueprints/generation/parameter-names.ts';
import { sampleArguments } from '../../../src/blueprints/generation/sample-arguments.ts';
import { DomainState } from '../../../src/domain-kit/index.ts';
import { domainFixture } from './generation-fixtures.ts';

const hasEdge = (graph: ApiGraph, from: string, to: string) => successors(graph, from).includes(to);
const via = (graph: ApiGraph, from: string, to: string) => graph.edges.find((edge) => edge.from === from && edge.to === to)?.via;

describe('parameter names', () => {
  it('match their singular, plural and collection forms', () => {
    expect(nameVariants('item_ids')).toEqual(expect.arrayContaining(['item_ids', 'item_id', 'items']));
    expect(nameVariants('item_id')).toContain('item_ids');
    expect(nameVariants('order_id')).toContain('orders');
    expect(nameVariants('new_item_ids')).toEqual(expect.arrayContaining(['item_ids', 'item_id']));
    expect(nameVariants('reservation_id')).toContain('reservations');
  });
});

describe('sample arguments', () => {
  it('come from one record of the data, so a lookup by name and zip finds a user', () => {
    const { domain, base } = domainFixture('retail');
    const tool = domain.tool('find_user_id_by_name_zip');
    const [first] = sampleArguments(domain, base, tool as never);
    expect(first).toEqual({ first_name: expect.any(String), last_name: expect.any(String), zip: expect.any(String) });
    expect(domain.execute(new DomainState(base), { name: 'find_user_id_by_name_zip', arguments: first }).ok).toBe(true);
  });

  it('yield nothing for a tool whose parameters the data cannot fill', () => {
    const { domain, base } = domainFixture('retail');
    expect([...sampleArguments(domain, base, domain.tool('calculate') as never)]).toEqual([]);
  });
});

describe('the API dependency graph, derived from the domain', () => {
  it('links retail identification -> order details -> order writes', () => {
    const { graph } = domainFixture('retail');
    expect(hasEdge(graph, 'find_user_id_by_email', 'get_user_details')).toBe(true);
    expect(hasEdge(graph, 'find_user_id_by_name_zip', 'get_user_details')).toBe(true);
    expect(hasEdge(graph, 'get_user_details', 'get_order_details')).toBe(true);
    expect(hasEdge(graph, 'get_order_details', 'cancel_pending_order')).toBe(true);
    expect(hasEdge(graph, 'get_order_details', 'get_product_details')).toBe(true);
    expect(hasEdge(graph, 'get_product_details', 'exchange_delivered_order_items')).toBe(true);
    expect(hasEdge(graph, 'list_all_product_types', 'get_product_details')).toBe(true);
    expect(via(graph, 'get_order_details', 'return_delivered_order_items')).toEqual(['order_id', 'item_ids', 'payment_method_id']);
    expect(via(graph, 'get_user_details', 'get_order_details')).toEqual(['order_id']);
  });

  it('links airline user -> reservation details -> reservation writes, and flight search -> flight changes', () => {
    const { graph } = domainFixture('airline');
    expect(hasEdge(graph, 'get_user_details', 'get_reservation_details')).toBe(true);
    expect(hasEdge(graph, 'get_reservation_details', 'update_reservation_baggages')).toBe(true);
    expect(hasEdge(graph, 'get_reservation_details', 'cancel_reservation')).toBe(true);
    expect(hasEdge(graph, 'get_reservation_details', 'search_direct_flight')).toBe(true);
    expect(via(graph, 'search_direct_flight', 'update_reservation_flights')).toContain('flights[].flight_number');
  });

  it('starts at identification tools, never leads into a lookup, and gives write tools no outgoing edges', () => {
    for (const name of ['retail', 'airline'] as const) {
      const { graph } = domainFixture(name);
      const entries = graph.nodes.filter((node) => node.entry).map((node) => node.name);
      expect(entries).toEqual(name === 'retail' ? ['find_user_id_by_email', 'find_user_id_by_name_zip', 'get_user_details'] : ['get_user_details']);
      expect(graph.edges.some((edge) => edge.to.startsWith('find_user_id'))).toBe(false);
      const writes = new Set(graph.nodes.filter((node) => node.kind === 'write').map((node) => node.name));
      expect(graph.edges.some((edge) => writes.has(edge.from))).toBe(false);
      expect(graph.nodes.some((node) => node.name === 'transfer_to_human_agents')).toBe(false);
    }
  });

  it('is deterministic and prints its edges', () => {
    const { domain, base, graph } = domainFixture('retail');
    expect(buildApiGraph(domain, base)).toEqual(graph);
    const text = formatApiGraph(graph);
    expect(text).toContain('get_order_details (read):');
    expect(text).toContain('  -> cancel_pending_order  via order_id');
  });
});
