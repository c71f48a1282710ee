export { buildAcceptanceFunnel } from './acceptance-funnel.ts';
export { besideFiles, buildRunReport, DEFAULT_BLUEPRINT_ROW_LIMIT, DEFAULT_PAGE_SIZE, type BuildRunReportOptions } from './build-run-report.ts';
export { DistributionCounter } from './distribution.ts';
export { loadReportAssets, type ReportAssets } from './report-assets.ts';
export { ReportCollector, type CollectedReport, type ReportCollectorOptions } from './report-collector.ts';
export { REPORT_DATA_SCHEMA_VERSION, type AcceptanceFunnel, type BlueprintRow, type Distribution, type FailedJobRow, type Headline, type ReportData, type TrajectoryPage, type TrajectoryView, type UsageRow } from './report-data.ts';
export { renderPageScript, renderReportHtml } from './render-report-html.ts';
export { toTrajectoryView, userTurnsOf } from './trajectory-view.ts';
export { blueprintCsv, writeReport } from './write-report.ts';
