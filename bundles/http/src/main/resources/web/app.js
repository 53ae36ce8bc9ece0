'use strict';
// The Kiln web page: the API with the token kept in sessionStorage, and the event stream read with fetch
// (EventSource cannot send an Authorization header).
(function () {
  const $ = (id) => document.getElementById(id);
  const KEY = 'kiln.token';
  let streamAbort = null;

  function token() { return sessionStorage.getItem(KEY); }

  async function api(method, path, body, contentType, more) {
    const headers = { 'Authorization': 'Bearer ' + token(), 'X-Kiln-Client': 'page', ...(more || {}) };
    if (contentType) headers['Content-Type'] = contentType;
    const response = await fetch('/api/v1' + path, { method, headers, body });
    let data = null;
    const text = await response.text();
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: 'bad answer', detail: text }; }
    if (response.status === 401) { askForToken('The token was not accepted.'); throw new Error('unauthorized'); }
    return { status: response.status, ok: response.ok, data };
  }

  function askForToken(why) {
    sessionStorage.removeItem(KEY);
    if (streamAbort) streamAbort.abort();
    $('app').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = why || '';
    $('token').focus();
  }

  function show(text, good) {
    const m = $('message');
    m.textContent = text;
    m.className = good ? 'good' : 'bad';
  }

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function button(td, label, action, name) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.action = action;
    b.dataset.plugin = name;
    td.appendChild(b);
  }

  async function refresh() {
    const [plugins, status] = await Promise.all([api('GET', '/plugins'), api('GET', '/status')]);
    const body = $('plugins').tBodies[0];
    body.textContent = '';
    for (const p of plugins.data) {
      const row = document.createElement('tr');
      row.dataset.plugin = p.name;
      cell(row, p.name);
      cell(row, p.version);
      // a plugin that runs but whose components cannot work is degraded, never plain ACTIVE
      const state = cell(row, p.degraded ? `DEGRADED (${p.state})` : p.state, p.degraded ? 'state-DEGRADED' : 'state-' + p.state);
      if (p.degraded) state.title = p.problems.join('\n');
      cell(row, p.enabled ? 'yes' : 'no');
      cell(row, (p.lastResult || '') + (p.lastError ? ': ' + p.lastError.split('\n')[0] : '')
        + (p.degraded ? ' · ' + p.problems.join('; ') : ''), p.lastError || p.degraded ? 'err' : '');
      const actions = cell(row, '');
      button(actions, 'Reload', 'reload', p.name);
      button(actions, p.enabled ? 'Disable' : 'Enable', p.enabled ? 'disable' : 'enable', p.name);
      if (p.previousVersions.length) button(actions, 'Roll back', 'rollback', p.name);
      if (p.file) button(actions, 'Remove', 'remove', p.name);
      row.dataset.dependents = p.dependents.join(', ');
      body.appendChild(row);
    }
    const s = status.data;
    $('summary').textContent = `${s.plugins} plugins, ${s.active} active, ${s.disabled} disabled · runtime ${s.version}`;
    const rejected = $('rejected');
    rejected.textContent = '';
    for (const r of s.rejected) {
      const li = document.createElement('li');
      li.textContent = `${r.file}: ${r.reason.split('\n')[0]}`;
      rejected.appendChild(li);
    }
    if (!s.rejected.length) rejected.innerHTML = '<li>none</li>';
  }

  async function optional(path) {
    const r = await api('GET', path);
    return r.ok ? r.data : [];
  }

  async function refreshSections() {
    const [sections, skills, agents] = await Promise.all([optional('/config'), optional('/skills'), optional('/agents')]);
    const body = $('sections').tBodies[0];
    body.textContent = '';
    for (const s of sections) {
      const row = document.createElement('tr');
      row.dataset.pid = s.pid;
      cell(row, s.pid);
      cell(row, s.file);
      const state = cell(row, s.state + (s.reason ? ': ' + s.reason : ''), s.reason ? 'err' : '');
      // applied, but with keys no definition knows (a typo, most often): said beside the state
      for (const warning of s.warnings || []) {
        const line = document.createElement('div');
        line.className = 'warn';
        line.textContent = 'warning: ' + warning;
        state.appendChild(line);
      }
      const values = cell(row, '');
      const editor = document.createElement('form');
      editor.className = 'editor';
      for (const [key, value] of Object.entries(s.properties)) {
        if (key.startsWith('kiln.') || key.startsWith('service.') || key.startsWith('felix.')) continue;
        const div = document.createElement('div');
        const label = document.createElement('label');
        label.textContent = key;
        const input = document.createElement('input');
        input.name = key;
        input.value = Array.isArray(value) ? value.join(',') : String(value);
        input.dataset.original = input.value;
        label.htmlFor = input.id = 'cfg-' + s.pid + '-' + key;
        div.append(label, input);
        editor.appendChild(div);
      }
      const error = document.createElement('div');
      error.className = 'section-error';
      error.setAttribute('role', 'alert');
      const save = document.createElement('button');
      save.type = 'submit';
      save.textContent = 'Save';
      editor.append(save, error);
      editor.addEventListener('submit', (e) => { e.preventDefault(); saveSection(s.pid, editor, error); });
      values.appendChild(editor);
      const actions = cell(row, '');
      const reload = document.createElement('button');
      reload.type = 'button';
      reload.textContent = 'Reload';
      reload.addEventListener('click', async () => {
        const r = await api('POST', `/config/${encodeURIComponent(s.pid)}/reload`);
        show(r.ok ? `section ${s.pid}: ${r.data[0].outcome}` : `section ${s.pid}: ${r.data.detail}`, r.ok);
        if (r.ok) refreshSections();
      });
      actions.appendChild(reload);
      body.appendChild(row);
    }
    const skillBody = $('skills').tBodies[0];
    skillBody.textContent = '';
    for (const k of skills) {
      const row = document.createElement('tr');
      cell(row, k.name); cell(row, k.version); cell(row, k.state); cell(row, k.reason, k.reason ? 'err' : '');
      skillBody.appendChild(row);
    }
    const agentBody = $('agents').tBodies[0];
    agentBody.textContent = '';
    for (const a of agents) {
      const row = document.createElement('tr');
      cell(row, a.id); cell(row, a.ready ? 'yes' : 'no'); cell(row, a.capabilities.join(', '));
      cell(row, a.missing.join(', '), a.missing.length ? 'err' : ''); cell(row, a.prompt);
      const actions = cell(row, '');
      const reload = document.createElement('button');
      reload.type = 'button';
      reload.textContent = 'Reload';
      reload.addEventListener('click', async () => {
        const r = await api('POST', `/agents/${encodeURIComponent(a.id)}/reload`);
        show(r.ok ? `agent ${a.id}: ${r.data.outcome}` : `agent ${a.id}: ${r.data.detail}`, r.ok);
        refreshSections();
      });
      actions.appendChild(reload);
      agentBody.appendChild(row);
    }
  }

  // an edit in progress, or an error the operator has not dealt with, is not wiped by a live refresh
  function editing() {
    for (const input of document.querySelectorAll('#sections input')) {
      if (input.value !== input.dataset.original) return true;
    }
    return [...document.querySelectorAll('#sections .section-error')].some((e) => e.textContent);
  }

  async function saveSection(pid, editor, error) {
    const values = {};
    for (const input of editor.querySelectorAll('input')) {
      if (input.value !== input.dataset.original) values[input.name] = input.value;
    }
    error.textContent = '';
    if (!Object.keys(values).length) { error.textContent = 'nothing changed'; return; }
    const r = await api('PUT', `/config/${encodeURIComponent(pid)}`, JSON.stringify({ values }), 'application/json');
    if (r.ok) {
      show(`section ${pid} saved: ${r.data.map((x) => x.outcome).join(', ')}`, true);
      refreshSections();
    } else {
      error.textContent = (r.data && (r.data.detail || r.data.error)) || ('HTTP ' + r.status);
    }
  }

  /** What a disable or a remove will leave without the plugin, said before it is done. */
  function dependentsOf(name) {
    const row = document.querySelector(`#plugins tr[data-plugin="${CSS.escape(name)}"]`);
    return row && row.dataset.dependents ? `\n\nThese plugins depend on it and will be left without it: ${row.dataset.dependents}` : '';
  }

  /** What a change did to the plugins that depend on the changed one, said after it is done. */
  function dependentsSaid(result) {
    const broken = (result && result.dependents || []).filter((d) => !d.intact);
    return broken.length ? ' · left without it: ' + broken.map((d) => `${d.plugin} (${d.problem})`).join('; ') : '';
  }

  async function remove(name) {
    if (!window.confirm(`Uninstall ${name} and delete its file from hot/?${dependentsOf(name)}`)) return;
    show(`removing ${name}…`, true);
    const r = await api('DELETE', `/plugins/${encodeURIComponent(name)}`);
    show(r.ok ? `${name} removed${dependentsSaid(r.data.result)}` : `remove ${name} failed: ${r.data.detail || r.data.error}`, r.ok);
    await refresh();
  }

  async function act(action, name) {
    if (action === 'remove') return remove(name);
    if (action === 'disable' && dependentsOf(name) && !window.confirm(`Disable ${name}?${dependentsOf(name)}`)) return;
    const path = action === 'reload-all' ? '/plugins/reload-all' : `/plugins/${encodeURIComponent(name)}/${action}`;
    show(`${action} ${name || ''}…`, true);
    const r = await api('POST', path);
    if (r.ok) {
      const d = r.data;
      show(d.results ? `${action}: ${d.succeeded} succeeded, ${d.failed} failed` : `${d.action} ${d.plugin}: ${d.outcome}${dependentsSaid(d)}`, true);
    } else {
      show(`${action} ${name || ''} failed: ${r.data.detail || r.data.error}`, false);
    }
    await refresh();
  }

  async function install(file) {
    show(`installing ${file.name}…`, true);
    const r = await api('POST', '/plugins', file, 'application/java-archive', { 'X-Kiln-File-Name': encodeURIComponent(file.name) });
    const d = r.data || {};
    if (r.ok && d.live) show(`${d.plugin} ${d.version} is live (${d.outcome})`, true);
    else show(`install of ${file.name} failed: ${d.detail || d.error}`, false);
    await refresh();
  }

  // the history, filtered here: by a name's part, an outcome, and a time from which (the browser's local time)
  async function refreshHistory() {
    const r = await api('GET', '/history?limit=1000');
    if (!r.ok) return;
    const name = $('history-name').value.trim();
    const outcome = $('history-outcome').value;
    const since = $('history-since').value ? new Date($('history-since').value) : null;
    const body = $('history').tBodies[0];
    body.textContent = '';
    for (const e of r.data) {
      if ((name && !e.name.includes(name)) || (outcome && e.outcome !== outcome) || (since && new Date(e.time) < since)) continue;
      const row = document.createElement('tr');
      row.dataset.name = e.name;
      row.dataset.outcome = e.outcome;
      cell(row, new Date(e.time).toLocaleString());
      cell(row, e.name);
      cell(row, e.action);
      cell(row, e.fromVersion && e.toVersion && e.fromVersion !== e.toVersion ? e.fromVersion + ' → ' + e.toVersion : (e.toVersion || e.fromVersion));
      cell(row, e.outcome, ['APPLIED', 'UNCHANGED'].includes(e.outcome) ? '' : 'err');
      cell(row, e.trigger);
      cell(row, (e.error || '').split('\n')[0], e.error ? 'err' : '');
      body.appendChild(row);
    }
  }

  // the dependency graph; the selection stays as the graph is drawn again on each change
  let graph = null;
  let selectedPlugin = null;

  function drawGraph() {
    if (graph) window.KilnGraph.render(graph, selectedPlugin, (name) => { selectedPlugin = name; drawGraph(); });
  }

  // the fleet panel shows only on a node of a fleet (GET /fleet answers 404 on a Kiln that runs alone), and follows the
  // rollout by asking every two seconds: a rollout's steps happen on other nodes, not in this one's event stream
  let fleetTimer = null;
  async function refreshFleet() {
    const r = await api('GET', '/fleet');
    $('fleet').hidden = !r.ok && r.status === 404;
    if (r.ok) {
      KilnFleet.render(r.data, { summary: $('fleet-summary'), rollout: $('fleet-rollout'), steps: $('fleet-steps'),
        nodes: $('fleet-nodes'), buttons: document.querySelectorAll('button[data-fleet]') });
    }
    // every 2 s on a node of a fleet; every 30 s on a Kiln alone, so a fleet section added later shows the panel
    const every = r.status === 404 ? 30000 : 2000;
    if (!fleetTimer || fleetTimer.every !== every) {
      if (fleetTimer) clearInterval(fleetTimer.id);
      fleetTimer = { every, id: setInterval(() => { if (token()) refreshFleet(); }, every) };
    }
  }

  // these act on every node of the fleet: asked once more, as a deploy tool would
  const FLEET_CONFIRM = {
    publish: "Publish what this node runs to every node of the fleet?",
    abort: 'Abort the rollout and roll back the nodes that applied it?',
    rollback: 'Roll the whole fleet back to its release before this one?',
  };
  async function fleetAction(action) {
    if (FLEET_CONFIRM[action] && !window.confirm(FLEET_CONFIRM[action])) return;
    const r = await api('POST', `/fleet/${action}`);
    show(r.ok ? `fleet: ${action}: rollout ${r.data.id} ${r.data.state}` : `fleet: ${action}: ${r.data.detail}`, r.ok);
    refreshFleet();
  }

  async function refreshGraph() {
    const r = await api('GET', '/graph');
    if (!r.ok) return;
    graph = r.data;
    if (!graph.plugins.some((p) => p.name === selectedPlugin)) selectedPlugin = null;
    drawGraph();
  }

  function logEvent(change, line) {
    const li = document.createElement('li');
    li.textContent = line;
    li.dataset.plugin = change.plugin;
    li.dataset.action = change.action;
    if (!['APPLIED', 'UNCHANGED'].includes(change.outcome)) li.className = 'bad';
    const events = $('events');
    events.insertBefore(li, events.firstChild);
    while (events.children.length > 200) events.removeChild(events.lastChild);
  }

  function consoleLine(line) {
    const console = $('console');
    const follow = console.scrollTop + console.clientHeight >= console.scrollHeight - 4;
    console.append(line + '\n');
    while (console.childNodes.length > 300) console.removeChild(console.firstChild);
    if (follow) console.scrollTop = console.scrollHeight;
  }

  async function stream() {
    streamAbort = new AbortController();
    const state = $('stream-state');
    try {
      const response = await fetch('/api/v1/events', { headers: { 'Authorization': 'Bearer ' + token() }, signal: streamAbort.signal });
      if (response.status === 401) { askForToken('The token was not accepted.'); return; }
      state.textContent = 'live';
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let pending = null;
      let refreshTimer = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (!data.length) continue;
          const payload = JSON.parse(data.join('\n'));
          if (event === 'console') consoleLine(payload.line);
          if (event === 'change') pending = payload;
          if (event === 'log' && pending) {
            logEvent(pending, payload.line);
            pending = null;
            clearTimeout(refreshTimer);
            refreshTimer = setTimeout(() => { refresh(); refreshGraph(); refreshHistory(); if (!editing()) refreshSections(); }, 150);
          }
        }
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
    }
    state.textContent = 'reconnecting…';
    setTimeout(() => { if (token()) stream(); }, 2000);
  }

  async function start() {
    $('login').hidden = true;
    $('app').hidden = false;
    try {
      await refresh();
      refreshGraph();
      refreshFleet();
      refreshSections();
      refreshHistory();
      stream();
    } catch (e) {
      if (e.message !== 'unauthorized') show('Kiln cannot be reached: ' + e.message, false);
    }
  }

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    start();
  });
  $('forget-token').addEventListener('click', () => askForToken(''));
  for (const id of ['history-name', 'history-outcome', 'history-since']) {
    $(id).addEventListener('input', refreshHistory);
    $(id).addEventListener('change', refreshHistory);
  }
  $('reload-all').addEventListener('click', () => act('reload-all'));
  for (const b of document.querySelectorAll('button[data-fleet]')) b.addEventListener('click', () => fleetAction(b.dataset.fleet));
  $('reload-skills').addEventListener('click', async () => {
    const r = await api('POST', '/skills/reload');
    show(r.ok ? `skills reloaded: ${r.data.length}` : `skills: ${r.data.detail}`, r.ok);
    refreshSections();
  });
  $('plugins').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (b) act(b.dataset.action, b.dataset.plugin);
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    for (const f of e.dataTransfer.files) install(f);
  });
  $('jar').addEventListener('change', (e) => { for (const f of e.target.files) install(f); e.target.value = ''; });

  // a first visit by the link 'kiln page' prints: the token in the fragment (which the browser never sends), kept for
  // this tab, and taken out of the address bar at once, so that it is neither bookmarked nor shown over a shoulder
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('token')) {
    sessionStorage.setItem(KEY, fragment.get('token').trim());
    window.history.replaceState(null, '', location.pathname + location.search);
  }

  if (token()) start(); else askForToken('');
})();
