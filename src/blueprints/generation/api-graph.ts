import { DomainState, type BaseState, type Domain, type ToolKind } from '../../domain-kit/index.ts';
import { idParameterName, nameVariants } from './parameter-names.ts';
import { collectKeys, collectStrings } from './record-values.ts';
import { sampleArguments } from './sample-arguments.ts';
import { toolParameters } from './tool-parameters.ts';

/**
 * The API dependency graph of a domain: an edge A -> B when arguments of B can come from what A
 * returns. It is derived from the domain itself, never written by hand: each read tool is run on the
 * data with real arguments, the keys of its JSON output are collected (a string that is the id of a
 * record counts as that record's id parameter: a user's `orders` list provides `order_id`), and B is
 * linked when one of its parameter names, in some form, is among them.
 */
export interface ApiNode {
  name: string;
  kind: ToolKind;
  /** An identification tool (find_user_id_*, get_user_details): where every walk starts. */
  entry: boolean;
  /** What the tool's output was seen to provide (key names), sorted. Empty for tools that were not run. */
  provides: string[];
  /** How many sample runs succeeded. */
  sampledRuns: number;
}

export interface ApiEdge {
  from: string;
  to: string;
  /** The parameters of `to` that `from` provides (`flights[].flight_number` for a nested one). */
  via: string[];
}

export interface ApiGraph {
  domain: string;
  nodes: ApiNode[];
  edges: ApiEdge[];
}

/** Identification tools: the user has to be known before anything else. */
export const isIdentificationTool = (name: string) => isUserLookup(name) || name === 'get_user_details';

/** A lookup by what the user says (email, name and zip): it starts a conversation, nothing leads to it. */
export const isUserLookup = (name: string) => name.startsWith('find_user_id');

/** Keys that name a field (not data used as a key, such as an item id or a date). */
const fieldName = /^[a-z][a-z0-9_]*$/;

export interface ApiGraphOptions {
  /** Successful sample runs to collect per read tool (default 8). */
  runsPerTool?: number;
}

export function buildApiGraph(domain: Domain, base: BaseState, options: ApiGraphOptions = {}): ApiGraph {
  const runsPerTool = options.runsPerTool ?? 8;
  const nodes: ApiNode[] = [];
  for (const tool of domain.tools) {
    if (tool.kind === 'terminal') continue;
    const provides = new Set<string>();
    let sampledRuns = 0;
    if (tool.kind === 'read') {
      for (const args of sampleArguments(domain, base, tool as never)) {
        const result = domain.execute(new DomainState(base), { name: tool.name, arguments: args });
        if (!result.ok) continue;
        sampledRuns++;
        for (const key of outputProvides(domain, base, result.content)) provides.add(key);
        if (sampledRuns >= runsPerTool) break;
      }
    }
    nodes.push({ name: tool.name, kind: tool.kind, entry: isIdentificationTool(tool.name), provides: [...provides].sort(), sampledRuns });
  }

  const edges: ApiEdge[] = [];
  for (const from of nodes) {
    if (from.provides.length === 0) continue;
    const provided = new Set(from.provides);
    const has = (name: string) => nameVariants(name).some((variant) => provided.has(variant));
    for (const to of nodes) {
      if (to.name === from.name || isUserLookup(to.name)) continue;
      const via: string[] = [];
      for (const parameter of toolParameters(domain.tool(to.name) as never)) {
        if (has(parameter.name)) via.push(parameter.name);
        else via.push(...parameter.nestedNames.filter(has).map((nested) => `${parameter.name}[].${nested}`));
      }
      if (via.length > 0) edges.push({ from: from.name, to: to.name, via });
    }
  }
  return { domain: domain.name, nodes, edges };
}

/** The key names an output provides, ids of known records included. */
function outputProvides(domain: Domain, base: BaseState, content: string): Set<string> {
  let output: unknown;
  try {
    output = JSON.parse(content);
  } catch {
    output = content;
  }
  const provides = new Set([...collectKeys(output)].filter((key) => fieldName.test(key)));
  const strings = collectStrings(output);
  for (const collection of domain.collections) {
    for (const value of strings) {
      if (base.get(collection, value) !== undefined) {
        provides.add(idParameterName(collection, domain.idFields[collection]));
        break;
      }
    }
  }
  return provides;
}

export const successors = (graph: ApiGraph, name: string): string[] => graph.edges.filter((edge) => edge.from === name).map((edge) => edge.to);

export const graphNode = (graph: ApiGraph, name: string): ApiNode | undefined => graph.nodes.find((node) => node.name === name);

/** The graph as text: one line per tool with its kind, then its edges. */
export function formatApiGraph(graph: ApiGraph): string {
  const lines = [`API dependency graph of ${graph.domain}: ${graph.nodes.length} tools, ${graph.edges.length} edges`];
  for (const node of graph.nodes) {
    const tag = node.entry ? `${node.kind}, entry` : node.kind;
    const out = graph.edges.filter((edge) => edge.from === node.name);
    lines.push(`${node.name} (${tag})${out.length === 0 ? '' : ':'}`);
    for (const edge of out) lines.push(`  -> ${edge.to}  via ${edge.via.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
