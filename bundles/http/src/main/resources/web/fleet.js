'use strict';
// The page's fleet panel: the fleet's release, its rollout's progress and every node, from GET /api/v1/fleet. It only
// draws; what a node runs and where the rollout is are ZooKeeper's, read by Kiln.
window.KilnFleet = (function () {
  const STEPS = ['VALIDATING', 'CANARY', 'VERIFYING', 'PROGRESSING', 'SUCCEEDED'];
  const BACK = ['FAILED', 'ROLLING_BACK', 'ROLLED_BACK'];

  function text(parent, tag, content, cls) {
    const e = document.createElement(tag);
    e.textContent = content == null ? '' : String(content);
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }

  function release(id) { return id ? id : '(none)'; }

  // the rollout's states as a row of steps, the current one marked, the way back shown only when taken
  function progress(list, rollout) {
    list.textContent = '';
    // the way back starts where the rollout failed: after the canary if only canaries were admitted, else after progressing
    const failedAt = rollout.admitted.length > rollout.canaries.length ? 4 : 2;
    const steps = BACK.includes(rollout.state) ? STEPS.slice(0, failedAt).concat(BACK) : rollout.state === 'REFUSED' ? ['VALIDATING', 'REFUSED'] : STEPS;
    for (const s of steps) {
      const li = text(list, 'li', s.toLowerCase().replace('_', ' '));
      if (s === rollout.state) { li.className = 'current'; li.setAttribute('aria-current', 'step'); }
    }
  }

  function render(fleet, parts) {
    parts.summary.textContent = `fleet ${fleet.fleet}, this node ${fleet.node}` + (fleet.connected ? '' : ' — disconnected from ZooKeeper, running what it last applied')
      + (fleet.coordinator ? ' (coordinating)' : '') + `; the fleet runs ${release(fleet.current)}`;
    parts.summary.className = fleet.connected ? '' : 'bad';
    const r = fleet.rollout;
    if (r) {
      parts.rollout.textContent = `rollout ${r.id}: ${release(r.release)} from ${release(r.previous)}, ${r.state}` + (r.paused ? ', paused' : '')
        + `; canaries ${r.canaries.join(', ') || '-'}; admitted ${r.admitted.join(', ') || '-'}` + (r.waiting ? `; ${r.waiting}` : '') + (r.reason ? `; ${r.reason}` : '');
      parts.rollout.className = BACK.includes(r.state) || r.state === 'REFUSED' ? 'bad' : '';
      progress(parts.steps, r);
    } else {
      parts.rollout.textContent = 'no rollout yet';
      parts.steps.textContent = '';
    }
    const body = parts.nodes.tBodies[0];
    body.textContent = '';
    for (const n of fleet.nodes) {
      const s = n.status || {};
      const row = document.createElement('tr');
      row.dataset.node = n.node;
      text(row, 'td', n.node);
      text(row, 'td', n.connected ? 'yes' : 'no', n.connected ? '' : 'bad');
      text(row, 'td', release(s.release));
      text(row, 'td', s.outcome ? s.outcome + (s.target && s.target !== s.release ? ' ' + s.target : '') : '', s.outcome === 'FAILED' ? 'bad' : '');
      text(row, 'td', s.message);
      body.appendChild(row);
    }
    for (const b of parts.buttons) {
      const running = r && !['SUCCEEDED', 'REFUSED', 'ROLLED_BACK'].includes(r.state);
      b.disabled = !fleet.connected || (b.dataset.fleet === 'publish' || b.dataset.fleet === 'rollback' ? running
        : b.dataset.fleet === 'resume' ? !(running && r.paused) : b.dataset.fleet === 'pause' ? !(running && !r.paused) : !running);
    }
  }

  return { render };
})();
