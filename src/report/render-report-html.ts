import { count, escapeHtml as html, jsonForScript, percent } from './html-text.ts';
import type { ReportAssets } from './report-assets.ts';
import type { Distribution, ReportData } from './report-data.ts';

const money = (value: number | null, currency: string) => (value === null ? '—' : `${currency === 'USD' ? '$' : `${currency} `}${value.toFixed(4)}`);
const tokens = (value: number) => count(value);
const figure = (label: string, value: string, note = '') => `<div class="figure"><div class="figure-value">${html(value)}</div><div class="figure-label">${html(label)}</div>${note ? `<div class="figure-note">${html(note)}</div>` : ''}</div>`;
const chart = (id: string, title: string) => `<figure class="chart-box"><figcaption>${html(title)}</figcaption><div class="chart" id="${id}"></div></figure>`;
const seconds = (value: number) => (value >= 120 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`);

/** pass^k in words: every k up to 10; beyond, the first five and the last (the chart has them all). */
function passHatKText(points: readonly { k: number; value: number }[]): string {
  if (points.length === 0) return 'pass^k: no trajectories';
  const say = (point: { k: number; value: number }) => `pass^${point.k} = ${point.value.toFixed(3)}`;
  if (points.length <= 10) return points.map(say).join(' · ');
  return `${points.slice(0, 5).map(say).join(' · ')} · … · ${say(points.at(-1) as { k: number; value: number })} (every k in the chart)`;
}

function headlineSection(data: ReportData): string {
  const headline = data.headline;
  const failed = Object.entries(headline.failedByReason).map(([reason, jobs]) => `${jobs} jobs failed: ${reason}`).join('; ');
  const usageRows = headline.usage
    .map((row) => `<tr><td>${html(row.role)}</td><td>${html(row.model)}</td><td class="number">${count(row.calls)}</td><td class="number">${count(row.cachedCalls)}</td><td class="number">${tokens(row.promptTokens)}</td><td class="number">${tokens(row.completionTokens)}</td><td class="number">${money(row.cost, headline.currency)}</td></tr>`)
    .join('');
  return `<section id="headline"><h2>Headline</h2>
<div class="figures">
${figure('trajectories', count(headline.trajectories), headline.plannedJobs !== null ? `of ${count(headline.plannedJobs)} planned jobs` : '')}
${figure('kept', count(headline.kept), percent(headline.trajectories ? headline.kept / headline.trajectories : null))}
${figure('rejected', count(headline.rejected))}
${figure('failed jobs', count(headline.failedJobs), failed || 'none')}
${figure('blueprints solved', `${count(headline.blueprintsSolved)} / ${count(headline.blueprints)}`)}
${figure('cost', money(headline.totalCost, headline.currency), `${tokens(headline.totalTokens)} tokens`)}
${figure('wall time', headline.wall ? seconds(headline.wall.seconds) : '—', headline.wall ? `${headline.wall.startedAt} → ${headline.wall.endedAt}` : '')}
${figure('throughput', headline.trajectoriesPerMinute === null ? '—' : `${headline.trajectoriesPerMinute.toFixed(1)} / min`, `mean rollout ${(headline.meanDurationMs / 1000).toFixed(2)} s`)}
</div>
<div class="charts">${chart('chart-pass-hat-k', 'pass^k over k')}${chart('chart-tokens', 'tokens per role and model')}</div>
<table class="usage"><thead><tr><th>role</th><th>model</th><th>calls</th><th>cached</th><th>prompt tokens</th><th>completion tokens</th><th>cost</th></tr></thead><tbody>${usageRows || '<tr><td colspan="7">no model was called</td></tr>'}</tbody></table>
<p class="pass-hat-k">${passHatKText(headline.passHatK)}</p>
</section>`;
}

function funnelSection(data: ReportData): string {
  const funnel = data.funnel;
  if (!funnel) return `<section id="funnel"><h2>Acceptance funnel</h2><p class="empty">This run holds no phase-1 results (it was not made by <code>interplay generate</code>, or phase 1 has not ended).</p></section>`;
  const stages = funnel.stages.map((stage) => `<tr><td>${html(stage.stage)}</td><td class="number">${count(stage.entered)}</td><td class="number">${stage.skipped ? 'skipped' : count(stage.passed)}</td><td class="number">${stage.skipped ? '—' : percent(stage.entered ? stage.passed / stage.entered : null)}</td></tr>`).join('');
  const rounds = funnel.rounds.map((round) => `<tr><td>${round.round}</td><td class="number">${count(round.acceptedInRound)}</td><td class="number">${count(round.acceptedByRound)}</td><td class="number">${percent(round.rate)}</td></tr>`).join('');
  return `<section id="funnel"><h2>Acceptance funnel</h2>
<div class="figures">${figure('blueprints checked', count(funnel.total))}${figure('accepted', count(funnel.accepted), percent(funnel.total ? funnel.accepted / funnel.total : null))}${figure('without feedback', percent(funnel.withoutFeedback), 'accepted in round 0')}${figure('with feedback', percent(funnel.withFeedback), 'after every revision round')}${funnel.unfinished ? figure('unfinished', count(funnel.unfinished), 'validation did not finish') : ''}</div>
<div class="charts">${chart('chart-funnel', 'blueprints through format → execution → policy → committee')}${chart('chart-rounds', 'share accepted by refinement round')}</div>
<table><thead><tr><th>stage</th><th>entered</th><th>passed</th><th>rate</th></tr></thead><tbody>${stages}</tbody></table>
<table><thead><tr><th>round</th><th>accepted in round</th><th>accepted by round</th><th>share</th></tr></thead><tbody>${rounds}</tbody></table>
</section>`;
}

const countsTable = (title: string, counts: Record<string, number>) => {
  const rows = Object.entries(counts).sort(([, left], [, right]) => right - left).map(([name, value]) => `<tr><td>${html(name)}</td><td class="number">${count(value)}</td></tr>`).join('');
  return `<table class="counts"><thead><tr><th>${html(title)}</th><th>trajectories</th></tr></thead><tbody>${rows || '<tr><td colspan="2">none</td></tr>'}</tbody></table>`;
};

function reasonsSection(data: ReportData): string {
  const { reasons } = data;
  return `<section id="reasons"><h2>Terminations and rejections</h2>
<div class="charts">${chart('chart-terminations', 'how episodes ended')}${chart('chart-rejections', 'why trajectories were rejected')}${chart('chart-attribution', 'whose failure (rules, no model)')}</div>
<div class="tables">${countsTable('termination', reasons.terminations)}${countsTable('rejection', reasons.rejections)}${countsTable('attribution', reasons.attribution)}${countsTable('attribution rule', reasons.attributionRules)}</div>
</section>`;
}

const describe = (distribution: Distribution) => (distribution.count === 0 ? 'no kept trajectory' : `min ${distribution.min} · mean ${(distribution.mean ?? 0).toFixed(2)} · max ${distribution.max}`);

function distributionsSection(data: ReportData): string {
  const { turns, toolCalls, userTurns } = data.distributions;
  const box = (id: string, title: string, distribution: Distribution, name: string) => `<figure class="chart-box"><figcaption>${html(title)}</figcaption><div class="chart" id="${id}"></div><p class="stats" data-stat="${name}">${html(describe(distribution))}</p></figure>`;
  return `<section id="distributions"><h2>Per kept trajectory</h2>
<div class="charts">${box('chart-turns', 'turns', turns, 'turns')}${box('chart-tool-calls', 'tool calls', toolCalls, 'toolCalls')}${box('chart-user-turns', 'user turns', userTurns, 'userTurns')}</div>
</section>`;
}

function blueprintsSection(data: ReportData): string {
  const rows = data.blueprints.rows
    .map((row) => `<tr data-blueprint="${html(row.id)}" data-start="${row.start}" data-count="${row.count}"><td>${html(row.id)}</td><td class="number">${row.trials}</td><td class="number">${row.kept}</td><td class="number">${row.passHat1.toFixed(3)}</td><td class="number">${row.passHatK.toFixed(3)}</td><td>${html(row.mostCommonFailure ?? '—')}</td><td>${html(row.mostCommonParty ?? '—')}</td></tr>`)
    .join('');
  const more = data.blueprints.csvFile ? `<p class="note">Showing ${count(data.blueprints.rows.length)} of ${count(data.blueprints.total)} blueprints (the lowest acceptance first); all of them: <code>${html(data.blueprints.csvFile)}</code>.</p>` : '';
  return `<section id="blueprints"><h2>Blueprints</h2>
<p><input id="blueprint-filter" type="search" placeholder="filter: id, failure, party…" aria-label="filter blueprints"> <span id="blueprint-count">${count(data.blueprints.rows.length)} blueprints</span> · click a header to sort, a row to open its trajectories</p>${more}
<table id="blueprint-table" class="sortable"><thead><tr><th data-key="id">blueprint</th><th data-key="trials">trials</th><th data-key="kept">kept</th><th data-key="passHat1">pass^1</th><th data-key="passHatK">pass^k (k = trials)</th><th data-key="mostCommonFailure">most common failure</th><th data-key="mostCommonParty">whose</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

function trajectorySection(data: ReportData): string {
  const failed = data.trajectories.failedJobs;
  const failedList = failed.length
    ? `<details class="failed-jobs"><summary>${count(failed.length)} failed jobs (not graded, retried by --resume)</summary><ul>${failed.map((job) => `<li><code>${html(job.jobId)}</code>: ${html(job.reason)}${job.detail ? ` — ${html(job.detail)}` : ''}${job.model ? ` (${html(job.role ?? '')} ${html(job.model)})` : ''}</li>`).join('')}</ul></details>`
    : '';
  return `<section id="trajectories"><h2>Trajectories</h2>${failedList}
<div class="trajectory-browser"><div id="trajectory-list" class="trajectory-list"><p class="empty">Open a blueprint above, or pick one of page 1:</p></div><div id="trajectory-view" class="trajectory-view"><p class="empty">No trajectory open.</p></div></div>
</section>`;
}

/** The whole report as one HTML document: data, styles and scripts inline, nothing fetched from a network. */
export function renderReportHtml(data: ReportData, assets: ReportAssets): string {
  const title = `interplay report — ${data.run.id} (${data.run.domain})`;
  const models = Object.entries(data.run.models).map(([role, model]) => `${role}: ${model}`).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>${assets.chartStyles}</style>
<style>${assets.appStyles}</style>
</head><body>
<header><h1>${html(title)}</h1><p class="meta">created ${html(data.run.createdAt)} · interplay ${html(data.run.codeVersion)} · ${html(models)}</p>
<ul class="notes">${data.notes.map((note) => `<li>${html(note)}</li>`).join('')}</ul>
<nav><a href="#headline">headline</a> <a href="#funnel">funnel</a> <a href="#reasons">reasons</a> <a href="#distributions">distributions</a> <a href="#blueprints">blueprints</a> <a href="#trajectories">trajectories</a></nav></header>
<main>
${headlineSection(data)}
${funnelSection(data)}
${reasonsSection(data)}
${distributionsSection(data)}
${blueprintsSection(data)}
${trajectorySection(data)}
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${assets.chartScript}</script>
<script>${assets.appScript}</script>
</body></html>
`;
}

/** A page of trajectories beside the HTML: a script that hands its data to the open report (works from disk, where fetch does not). */
export function renderPageScript(page: unknown): string {
  return `window.interplayReportPage(${jsonForScript(page)});\n`;
}
