/*
 * Cockpit plugin: the "Upgrade" tab on a process instance. Shows where the upgrade stands and its record so far,
 * read from GET {cockpitApi}/plugin/upgrade/{engine}/process-instance/{id} with Cockpit's own login (session cookie).
 * Plain DOM, no framework; every value is inserted as text, never as HTML.
 */

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.flat(Infinity).forEach(child => {
    if (child !== null && child !== undefined) {
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  });
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : '—';
}

function or(value) {
  return value === null || value === undefined || value === '' ? '—' : value;
}

function facts(rows) {
  return el('dl', { class: 'uo-facts' },
    rows.map(([label, value, test]) => [el('dt', {}, label), el('dd', test ? { 'data-test': test } : {}, or(value))]));
}

function table(test, headers, rows, empty) {
  if (!rows.length) {
    return el('p', { class: 'uo-empty', 'data-test': test + '-empty' }, empty);
  }
  return el('table', { class: 'table table-condensed uo-table', 'data-test': test },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, or(c)))))));
}

function render(node, summary) {
  const u = summary.upgrade;
  const approvals = summary.approvalRounds.flatMap(round => round.approvals.map(a =>
    [round.round, a.approver, a.approverGroup, a.decision, a.comment, when(a.decidedAt)]));
  const rounds = summary.approvalRounds.map(r => `round ${r.round}: ${r.outcome || 'open'}`).join(', ');
  node.replaceChildren(el('div', { class: 'uo-upgrade', 'data-test': 'upgrade-summary' },
    el('h3', {}, `${u.id}: ${or(u.systemName || u.systemId)} ${or(u.currentVersion)} → ${or(u.targetVersion)}`),
    facts([
      ['Phase', u.phase, 'phase'],
      ['Status', u.status, 'status'],
      ['Requester', u.requester, 'requester'],
      ['System', `${or(u.systemName)} (${or(u.systemId)})`, 'system'],
      ['Versions', `${or(u.currentVersion)} → ${or(u.targetVersion)}`, 'versions'],
      ['Reason', u.reason],
      ['Purpose', u.purpose],
      ['Window', summary.windowText],
      ['Urgency / change type', `${or(u.urgency)} / ${or(u.changeType)}`],
      ['Risk', u.riskLevel, 'risk'],
      ['Compatibility', u.compatibility],
      ['Approvals needed', summary.approversSummary],
      ['Approval outcome', u.approvalOutcome || (rounds ? `open (${rounds})` : null), 'approval-outcome'],
      ['Started', when(u.startedAt)],
      ['Ended', u.endedAt ? when(u.endedAt) : null]
    ]),
    el('h4', {}, 'Rollout'),
    table('waves', ['Wave', 'Nodes', 'Waiting', 'Running', 'Done', 'Failed', 'Cancelled', 'Rolled back', 'Not reached',
      'Running now'],
      (u.waves || []).map(w => [w.canary ? `${w.wave} (canary)` : w.wave, w.nodes, w.waiting, w.running, w.done,
        w.failed, w.cancelled, w.rolledBack, w.notReached,
        w.runningSteps.map(s => `${s.node}: ${s.step}${s.worker ? ' (' + s.worker + ')' : ''}`).join(', ')]),
      'The rollout is not planned yet.'),
    el('h4', {}, 'Approvals'),
    table('approvals', ['Round', 'Approver', 'Group', 'Decision', 'Comment', 'Time'], approvals,
      'No decision yet.'),
    el('h4', {}, 'Issues found'),
    table('issues', ['Found', 'Source', 'Concerning', 'What', 'Found by', 'Decision', 'Decided by', 'Why'],
      (summary.issues || []).map(i => [i.at ? when(i.at) : null, i.source, i.subject, i.what, i.reportedBy,
        i.decision || 'not decided', i.decidedBy, i.reason]),
      'No issue found.'),
    el('h4', {}, 'What each person did'),
    table('acts', ['When', 'Who', 'Act', 'On'],
      (summary.acts || []).map(a => [a.at ? when(a.at) : null, a.who, a.act, a.what]),
      'Nobody has acted yet.'),
    el('h4', {}, 'Action runs'),
    table('action-runs', ['Action', 'Target', 'Kind', 'Result', 'Attempts', 'Exit / HTTP', 'Started', 'Duration', 'Summary'],
      summary.actionRuns.map(r => [r.actionName, r.target, r.kind, r.status, r.attempts,
        r.exitCode !== null && r.exitCode !== undefined ? r.exitCode : r.httpStatus, when(r.startedAt),
        r.durationMs !== null && r.durationMs !== undefined ? `${r.durationMs} ms` : null, r.summary || r.description]),
      'No action has run against the system yet.'),
    el('h4', {}, 'Open tasks'),
    table('open-tasks', ['Task', 'Assignee', 'Candidate groups', 'Created', 'Due', 'Priority'],
      u.openTasks.map(t => [t.name, t.assignee, t.candidateGroups.join(', '), when(t.created),
        t.due ? when(t.due) : null, t.priority]),
      'No open task.'),
    el('h4', {}, 'Incidents'),
    table('incidents', ['Step', 'Message', 'Since'],
      u.incidents.map(i => [i.activityId, i.message, when(i.since)]),
      'No incident.')));
}

export default [{
  id: 'upgrade-orchestrator.upgrade-tab',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  properties: {
    label: 'Upgrade'
  },
  render: (node, { api, processInstanceId }) => {
    node.replaceChildren(el('p', { class: 'uo-loading' }, 'Loading the upgrade…'));
    fetch(`${api.cockpitApi}/plugin/upgrade/${api.engine}/process-instance/${processInstanceId}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken }
    })
      .then(response => response.json().then(body => ({ ok: response.ok, status: response.status, body })))
      .then(({ ok, status, body }) => {
        if (!ok) {
          throw new Error(body && body.message ? body.message : `HTTP ${status}`);
        }
        render(node, body);
      })
      .catch(error => node.replaceChildren(
        el('div', { class: 'alert alert-warning', 'data-test': 'upgrade-error' }, `Upgrade not shown: ${error.message}`)));
  }
}];
