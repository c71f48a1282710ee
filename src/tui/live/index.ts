export { batchEventSchema, parseBatchEvent } from './batch-event-schema.ts';
export { detailLines, verdictLines, type DetailLine, type LineTone } from './detail-lines.ts';
export { headerFigures, type HeaderFigures } from './header-figures.ts';
export { LiveApp, type LiveAppProps, type QuitReason } from './live-app.tsx';
export { navigateLiveView, selectableRollouts, selectedRollout, type LiveNavigation } from './live-navigation.ts';
export {
  conversationsHeld,
  createLiveView,
  defaultLiveViewLimits,
  reduceLiveView,
  reduceLiveViewEvents,
  type FinishedRow,
  type LiveViewLimits,
  type LiveViewState,
} from './live-view-model.ts';
export { LiveViewStore, REDRAW_INTERVAL_MS, timerScheduler, type Scheduler } from './live-view-store.ts';
export { formatPlainSummary } from './plain-summary.ts';
export { renderLiveRun, type LiveRun, type RenderLiveRunOptions } from './render-live-run.tsx';
export { findRunEventSource, followRunEvents, RUN_EVENTS_FILE, type RunEventSource } from './run-event-follower.ts';
export type { ConversationEntry, RolloutView } from './rollout-view.ts';
export { readRunView, watchRunLive } from './watch-run.ts';
