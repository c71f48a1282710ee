import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../package-root.ts';

/** What the HTML inlines: the charting library (uPlot, its browser build and styles) and the report's own script and styles. */
export interface ReportAssets {
  chartScript: string;
  chartStyles: string;
  appScript: string;
  appStyles: string;
}

let cached: ReportAssets | undefined;

/**
 * Reads the assets once from the installed uPlot package and src/report/browser (from the package
 * root: the compiled module runs from dist/, the browser files are not compiled).
 */
export function loadReportAssets(): ReportAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const read = (path: string | URL) => readFileSync(path, 'utf8');
  cached = {
    chartScript: read(require.resolve('uplot/dist/uPlot.iife.min.js')),
    chartStyles: read(require.resolve('uplot/dist/uPlot.min.css')),
    appScript: read(packagePath('src', 'report', 'browser', 'report-app.js')),
    appStyles: read(packagePath('src', 'report', 'browser', 'report.css')),
  };
  return cached;
}
