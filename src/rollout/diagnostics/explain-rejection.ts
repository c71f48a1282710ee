import type { TrajectoryDiagnostics } from './diagnose-trajectory.ts';
import type { Divergence } from './gold-alignment.ts';

const show = (value: unknown) => JSON.stringify(value);

/** The first divergence in words: `modify_pending_order_items at agent step 3: payment_method_id "a" instead of "b"`. */
export function describeDivergence(divergence: Divergence): string {
  switch (divergence.kind) {
    case 'wrong-arguments':
      return `${divergence.name} at agent step ${divergence.agentStep}: ${divergence.differences.map((difference) => `${difference.path} ${show(difference.agent)} instead of ${show(difference.gold)}`).join(', ')}`;
    case 'missing-call':
      return `missing ${divergence.name}(${show(divergence.arguments)}), due before agent step ${divergence.dueBefore}`;
    case 'extra-write':
      return `extra write ${divergence.name}(${show(divergence.arguments)}) at agent step ${divergence.agentStep}`;
  }
}

/** One line on a rejection for plain output (`regrade --why`): whose failure, by which rule, and the first divergence. */
export function explainRejection(trajectoryId: string, diagnostics: TrajectoryDiagnostics): string {
  const { attribution } = diagnostics;
  const divergence = diagnostics.alignment.firstDivergence;
  return `${trajectoryId}: ${attribution.party} (${attribution.rule}) — ${attribution.explanation}${divergence ? `; first divergence: ${describeDivergence(divergence)}` : ''}`;
}
