import type { LiveViewState } from './live-view-model.ts';
import type { RolloutView } from './rollout-view.ts';

/** What the keys ask of the view. */
export type LiveNavigation =
  /** Select the rollout `by` rows below (negative: above) the selected one in the list. */
  | { type: 'move'; by: number }
  /** Show the selected rollout (the first one if none is selected) in the detail pane and follow it. */
  | { type: 'open' }
  | { type: 'back' }
  /** Scroll the detail pane by `by` lines; `lineCount` and `viewport` are what the pane currently holds and shows. */
  | { type: 'scroll'; by: number; lineCount: number; viewport: number }
  | { type: 'select'; jobId: string };

/** The rows the list shows and the arrows move over: live rollouts in start order, then finished ones, newest first. */
export function selectableRollouts(state: LiveViewState): RolloutView[] {
  const rows = [...state.live.values()];
  for (let index = state.recent.length - 1; index >= 0; index--) {
    const view = state.recent[index];
    if (view) rows.push(view);
  }
  if (state.pinned && !rows.includes(state.pinned)) rows.push(state.pinned);
  return rows;
}

/** The selected rollout, wherever it is held. */
export function selectedRollout(state: LiveViewState): RolloutView | undefined {
  const jobId = state.selection.jobId;
  if (jobId === undefined) return undefined;
  return state.live.get(jobId) ?? state.recent.find((view) => view.jobId === jobId) ?? (state.pinned?.jobId === jobId ? state.pinned : undefined);
}

function select(state: LiveViewState, view: RolloutView | undefined): LiveViewState {
  if (!view || view.jobId === state.selection.jobId) return state;
  // A pinned rollout is held only while it is selected.
  const pinned = state.pinned?.jobId === view.jobId ? state.pinned : undefined;
  return { ...state, pinned, selection: { ...state.selection, jobId: view.jobId } };
}

/** The view after a navigation key. Pure, like the event reducer. */
export function navigateLiveView(state: LiveViewState, navigation: LiveNavigation): LiveViewState {
  switch (navigation.type) {
    case 'move': {
      const rows = selectableRollouts(state);
      if (rows.length === 0) return state;
      const current = rows.findIndex((view) => view.jobId === state.selection.jobId);
      const target = current === -1 ? (navigation.by > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + navigation.by));
      return select(state, rows[target]);
    }
    case 'select':
      return select(state, selectableRollouts(state).find((view) => view.jobId === navigation.jobId));
    case 'open': {
      const chosen = selectedRollout(state) ? state : select(state, selectableRollouts(state)[0]);
      const view = selectedRollout(chosen);
      if (!view) return state;
      return { ...chosen, selection: { ...chosen.selection, mode: 'detail', detailTop: view.status === 'running' ? 'tail' : 0 } };
    }
    case 'back':
      return state.selection.mode === 'list' ? state : { ...state, selection: { ...state.selection, mode: 'list' } };
    case 'scroll': {
      if (state.selection.mode !== 'detail') return state;
      const lastTop = Math.max(0, navigation.lineCount - navigation.viewport);
      const top = state.selection.detailTop === 'tail' ? lastTop : Math.min(state.selection.detailTop, lastTop);
      const next = Math.min(lastTop, Math.max(0, top + navigation.by));
      const detailTop = next >= lastTop && navigation.by > 0 ? 'tail' : next;
      if (detailTop === state.selection.detailTop) return state;
      return { ...state, selection: { ...state.selection, detailTop } };
    }
  }
}
