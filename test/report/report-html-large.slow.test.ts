import { describe, it } from 'vitest';
import { expectPagedReport } from './support/paged-report.ts';

// The report at scale (npm run test:slow): 200 pages, each file still under 1 MB. The same paging on 600
// trajectories is in report-html.test.ts (npm test).
describe('interplay report on a 10k-trajectory run', () => {
  it('embeds the summary and one page, and puts the other pages beside the HTML', async () => {
    await expectPagedReport(10_000);
  });
});
