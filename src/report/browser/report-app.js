/* global document, window, uPlot */
// The report's own script: draws the charts (uPlot), makes the blueprint table sortable and filterable, and
// shows trajectories. Page 1 of the trajectories is embedded; other pages are scripts beside the HTML file,
// loaded on demand (a <script src> works from disk, where fetch does not).
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const pages = new Map([[data.firstPage.number, data.firstPage]]);
  const waiting = new Map();
  const LIST_LIMIT = 100;
  const palette = ['#1f5fbf', '#c62828', '#2e7d32', '#b26a00', '#6a1b9a', '#00838f', '#5d4037', '#455a64'];

  const element = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'className') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof window.Node ? child : String(child));
    return node;
  };
  const chartWidth = (target) => Math.max(360, Math.min(560, (target.parentElement && target.parentElement.clientWidth) || 480));

  /** Bars over named categories. */
  function barChart(id, labels, values, color) {
    const target = document.getElementById(id);
    if (!target) return;
    if (labels.length === 0) {
      target.append(element('p', { className: 'empty' }, 'nothing to show'));
      return;
    }
    const xs = labels.map((_, index) => index);
    new uPlot(
      {
        width: chartWidth(target),
        height: 240,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.6, labels.length - 0.4] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { splits: () => xs, values: (_u, splits) => splits.map((index) => labels[index] || ''), rotate: labels.some((label) => String(label).length > 8) ? -25 : 0, size: labels.some((label) => String(label).length > 8) ? 110 : 40, gap: 4 },
          { size: 50 },
        ],
        series: [{}, { label: 'count', fill: color + 'cc', stroke: color, width: 1, paths: uPlot.paths.bars({ size: [0.7, 80] }), points: { show: false } }],
      },
      [xs, values],
      target,
    );
  }

  /** A line over numbers on x (pass^k over k, acceptance over rounds). */
  function lineChart(id, xs, ys, label, yMax) {
    const target = document.getElementById(id);
    if (!target) return;
    if (xs.length === 0) {
      target.append(element('p', { className: 'empty' }, 'nothing to show'));
      return;
    }
    new uPlot(
      {
        width: chartWidth(target),
        height: 240,
        legend: { show: false },
        scales: { x: { time: false, range: [Math.min(...xs) - 0.2, Math.max(...xs) + 0.2] }, y: { range: [0, yMax] } },
        // Few points: a tick at each; many (pass^k over thousands of trials): uPlot picks the ticks.
        axes: [xs.length <= 12 ? { splits: () => xs, values: (_u, splits) => splits.map(String) } : {}, { size: 50 }],
        series: [{ label: 'x' }, { label: label, stroke: palette[0], width: 2, points: { show: true, size: 7, fill: palette[0] } }],
      },
      [xs, ys],
      target,
    );
  }

  const sortedCounts = (counts) => Object.entries(counts).sort((left, right) => right[1] - left[1]);
  const barsOf = (id, counts, color) => {
    const entries = sortedCounts(counts);
    barChart(id, entries.map((entry) => entry[0]), entries.map((entry) => entry[1]), color);
  };

  function drawCharts() {
    const headline = data.headline;
    lineChart('chart-pass-hat-k', headline.passHatK.map((point) => point.k), headline.passHatK.map((point) => point.value), 'pass^k', 1);
    barChart('chart-tokens', headline.usage.map((row) => row.role + ' · ' + row.model), headline.usage.map((row) => row.promptTokens + row.completionTokens), palette[4]);
    if (data.funnel) {
      const stages = data.funnel.stages.filter((stage) => !stage.skipped);
      barChart('chart-funnel', ['checked'].concat(stages.map((stage) => stage.stage)), [data.funnel.total].concat(stages.map((stage) => stage.passed)), palette[0]);
      lineChart('chart-rounds', data.funnel.rounds.map((round) => round.round), data.funnel.rounds.map((round) => round.rate), 'accepted by round', 1);
    }
    barsOf('chart-terminations', data.reasons.terminations, palette[5]);
    barsOf('chart-rejections', data.reasons.rejections, palette[1]);
    barsOf('chart-attribution', data.reasons.attribution, palette[3]);
    const histogram = (id, distribution, color) => barChart(id, distribution.histogram.map((bin) => String(bin[0])), distribution.histogram.map((bin) => bin[1]), color);
    histogram('chart-turns', data.distributions.turns, palette[0]);
    histogram('chart-tool-calls', data.distributions.toolCalls, palette[2]);
    histogram('chart-user-turns', data.distributions.userTurns, palette[6]);
  }

  // Pages beside the HTML call this when their script has loaded.
  window.interplayReportPage = function (page) {
    pages.set(page.number, page);
    const resolve = waiting.get(page.number);
    if (resolve) resolve(page);
  };

  function loadPage(number) {
    if (pages.has(number)) return Promise.resolve(pages.get(number));
    if (!data.trajectories.pageFile) return Promise.reject(new Error('page ' + number + ' is not in this report'));
    return new Promise((resolve, reject) => {
      waiting.set(number, resolve);
      const script = element('script', { src: data.trajectories.pageFile.replace('{n}', String(number).padStart(4, '0')) });
      script.addEventListener('error', () => reject(new Error('cannot load ' + script.src + ': keep the pages folder beside the HTML file')));
      document.body.append(script);
    });
  }

  const pageOf = (index) => Math.floor(index / data.trajectories.pageSize) + 1;

  async function trajectoriesBetween(start, count) {
    const numbers = [];
    for (let index = start; index < start + count; index++) if (!numbers.includes(pageOf(index))) numbers.push(pageOf(index));
    const loaded = await Promise.all(numbers.map(loadPage));
    const views = [];
    for (const page of loaded) page.trajectories.forEach((view, offset) => {
      const index = page.start + offset;
      if (index >= start && index < start + count) views.push(view);
    });
    return views;
  }

  const verdictPill = (verdict) => element('span', { className: 'pill ' + (verdict.kept ? 'kept' : 'rejected') }, verdict.kept ? 'kept' : verdict.reason);

  function showList(title, views) {
    const list = document.getElementById('trajectory-list');
    list.replaceChildren(element('p', {}, element('strong', {}, title)));
    for (const view of views) {
      const button = element('button', { type: 'button', 'data-trajectory': view.id, onclick: () => showTrajectory(view) }, view.id + ' ', verdictPill(view.verdict));
      list.append(button);
    }
  }

  const json = (value) => JSON.stringify(value);

  function messageNode(message, index, toolNames, systemPrompt) {
    const classes = 'message ' + message.role + (message.note ? ' note' : '');
    const who = message.role === 'user' ? (message.note ? 'harness note' : 'human') : message.role === 'assistant' ? 'agent' : message.role === 'tool' ? 'tool ' + (toolNames.get(message.tool_call_id) || '') : 'system';
    const node = element('div', { className: classes, 'data-index': index }, element('span', { className: 'role' }, '#' + index + ' ' + who));
    if (message.reasoning) node.append(element('div', { className: 'reasoning' }, 'thinking: ' + message.reasoning));
    const content = message.role === 'system' && !message.note && systemPrompt !== undefined ? data.systemPrompts[systemPrompt] : message.content;
    if (content) node.append(content);
    for (const call of message.tool_calls || []) node.append(element('div', { className: 'tool-call' }, '→ ' + call.function.name + '(' + call.function.arguments + ')'));
    return node;
  }

  function diagnosticsNode(diagnostics) {
    const node = element('div', { className: 'diagnostics' }, element('h4', {}, 'Diagnostics'));
    const attribution = diagnostics.attribution;
    node.append(element('p', {}, element('strong', {}, 'whose failure: ' + attribution.party), ' (' + attribution.rule + ') — ' + attribution.explanation));
    const divergence = diagnostics.alignment.firstDivergence;
    if (divergence) {
      let text = divergence.kind + ': ' + divergence.name;
      if (divergence.kind === 'wrong-arguments') text += ' at agent step ' + divergence.agentStep + ' — ' + divergence.differences.map((difference) => difference.path + ' ' + json(difference.agent) + ' instead of ' + json(difference.gold)).join(', ');
      if (divergence.kind === 'missing-call') text += ' ' + json(divergence.arguments) + ', due before agent step ' + divergence.dueBefore;
      if (divergence.kind === 'extra-write') text += ' ' + json(divergence.arguments) + ' at agent step ' + divergence.agentStep;
      node.append(element('p', {}, element('strong', {}, 'first divergence: '), text));
    }
    const alignment = diagnostics.alignment;
    node.append(element('p', {}, 'reads matched ' + alignment.reads.exact + '/' + alignment.reads.gold + ' (' + alignment.reads.partial + ' partly) · writes matched ' + alignment.writes.exact + '/' + alignment.writes.gold + ' (' + alignment.writes.partial + ' partly) · extra writes ' + alignment.extraWrites.length));
    const rows = alignment.actions.map((match) =>
      element('tr', {}, element('td', {}, String(match.goldIndex)), element('td', {}, match.action.name), element('td', {}, match.kind || '?'), element('td', { className: 'match-' + match.match }, match.match), element('td', {}, match.agentStep === undefined ? '—' : String(match.agentStep)), element('td', {}, (100 * match.agreement).toFixed(0) + '%'), element('td', {}, match.differences.map((difference) => difference.path).join(', '))),
    );
    node.append(element('table', {}, element('thead', {}, element('tr', {}, ['gold', 'action', 'kind', 'match', 'agent step', 'arguments agreeing', 'paths that differ'].map((name) => element('th', {}, name)))), element('tbody', {}, rows)));
    for (const write of diagnostics.writes) {
      node.append(element('h4', {}, 'after write ' + (write.ordinal + 1) + ': agent ' + (write.agent ? write.agent.name : '(none)') + ' vs gold ' + (write.gold ? write.gold.name : '(none)')));
      node.append(element('pre', {}, write.rendered || 'the states agree'));
    }
    if (diagnostics.revealedFacts.length) node.append(element('p', {}, 'the human revealed what its instruction lacks: ' + diagnostics.revealedFacts.map((fact) => fact.value + ' (#' + fact.messageIndex + ')').join(', ')));
    return node;
  }

  function showTrajectory(view) {
    for (const button of document.querySelectorAll('#trajectory-list button')) button.classList.toggle('selected', button.getAttribute('data-trajectory') === view.id);
    const target = document.getElementById('trajectory-view');
    const toolNames = new Map();
    for (const message of view.messages) for (const call of message.tool_calls || []) toolNames.set(call.id, call.function.name);
    const verdict = view.verdict;
    const verdictNode = element('div', { className: 'verdict' },
      element('h4', {}, 'Verdict'),
      element('p', {}, verdictPill(verdict), ' ended by ' + view.termination.reason + (view.termination.detail ? ' (' + view.termination.detail + ')' : '') + ' · state ' + (verdict.state.match ? 'matches' : 'differs') + ' · outputs ' + verdict.outputs.found.length + '/' + verdict.outputs.expected.length + (verdict.outputs.missing.length ? ' (missing ' + verdict.outputs.missing.map(json).join(', ') + ')' : '') + ' · gold writes matched ' + verdict.actionMatch.matched + '/' + verdict.actionMatch.goldWrites),
    );
    if (!verdict.state.match) verdictNode.append(element('pre', {}, verdict.state.diff.rendered));
    target.replaceChildren(element('div', {},
      element('h3', {}, view.id),
      element('p', { className: 'meta' }, 'agent ' + view.models.agent + ' · human ' + view.models.human + ' · ' + view.stats.turns + ' turns, ' + view.stats.toolCalls + ' tool calls, ' + view.stats.userTurns + ' user turns · ' + (view.durationMs / 1000).toFixed(2) + ' s'),
      verdictNode,
      view.diagnostics ? diagnosticsNode(view.diagnostics) : null,
      element('h4', {}, 'Conversation'),
      view.messages.map((message, index) => messageNode(message, index, toolNames, view.systemPrompt)),
    ));
  }

  function setUpTable() {
    const table = document.getElementById('blueprint-table');
    const body = table.tBodies[0];
    const rows = new Map(data.blueprints.rows.map((row) => [row.id, row]));
    const filter = document.getElementById('blueprint-filter');
    const counter = document.getElementById('blueprint-count');
    filter.addEventListener('input', () => {
      const needle = filter.value.trim().toLowerCase();
      let shown = 0;
      for (const tr of body.rows) {
        const visible = needle === '' || tr.textContent.toLowerCase().includes(needle);
        tr.hidden = !visible;
        if (visible) shown++;
      }
      counter.textContent = shown + ' blueprints';
    });
    for (const th of table.tHead.rows[0].cells) {
      th.addEventListener('click', () => {
        const key = th.getAttribute('data-key');
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const value = (tr) => rows.get(tr.getAttribute('data-blueprint'))[key];
        const sorted = Array.from(body.rows).sort((left, right) => {
          const a = value(left);
          const b = value(right);
          const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a === null ? '' : a).localeCompare(String(b === null ? '' : b));
          return ascending ? order : -order;
        });
        body.append(...sorted);
      });
    }
    body.addEventListener('click', async (event) => {
      const tr = event.target.closest('tr');
      if (!tr) return;
      for (const other of body.rows) other.classList.toggle('selected', other === tr);
      const row = rows.get(tr.getAttribute('data-blueprint'));
      try {
        // A blueprint with many trials lists its first ones only (each page beside the file is loaded on demand).
        const shown = Math.min(row.count, LIST_LIMIT);
        const views = await trajectoriesBetween(row.start, shown);
        showList(row.id + ': ' + row.kept + ' of ' + row.trials + ' kept' + (shown < row.count ? ' (the first ' + shown + ' listed)' : ''), views);
        if (views[0]) showTrajectory(views.find((view) => !view.verdict.kept) || views[0]);
        document.getElementById('trajectories').scrollIntoView();
      } catch (error) {
        showList(String(error.message), []);
      }
    });
  }

  drawCharts();
  setUpTable();
  const first = data.firstPage.trajectories;
  showList('page 1 of ' + data.trajectories.pages + ' (' + first.length + ' of ' + data.trajectories.total + ' trajectories)', first.slice(0, LIST_LIMIT));
  const opening = first.find((view) => !view.verdict.kept) || first[0];
  if (opening) showTrajectory(opening);
})();
