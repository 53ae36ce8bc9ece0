'use strict';
// The page's dependency graph: drawn as SVG in layers by dependency depth (what uses nothing on the left), and the
// same as text (a table and a list of links) for those who do not see the drawing. It only draws: what a change to
// a plugin would restart comes from the API, decided by Kiln's own rule, never guessed here.
window.KilnGraph = (function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const KIND = {
    'imports-package': 'package', 'requires-bundle': 'bundle', 'requires-capability': 'capability',
    'uses-service': 'service', 'uses-service-through-handle': 'handle',
  };
  const NODE = { width: 210, height: 42, column: 270, row: 62, margin: 16 };
  const ARC = 22;

  function svg(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function html(name, text, parent, cls) {
    const e = document.createElement(name);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  function stateText(p) {
    return (p.degraded ? `DEGRADED (${p.state})` : p.state) + (p.enabled ? '' : ', disabled');
  }

  function stateClass(p) {
    return !p.enabled ? 'state-DISABLED' : p.degraded ? 'state-DEGRADED' : 'state-' + p.state;
  }

  /** Each plugin's layer: 0 if it uses no other plugin, else one more than the deepest it uses (a cycle stops it). */
  function depths(plugins) {
    const byName = new Map(plugins.map((p) => [p.name, p]));
    const depth = new Map();
    const visiting = new Set();
    function of(name) {
      if (depth.has(name)) return depth.get(name);
      if (visiting.has(name) || !byName.has(name)) return 0;
      visiting.add(name);
      const d = Math.max(-1, ...byName.get(name).uses.map(of)) + 1;
      visiting.delete(name);
      depth.set(name, d);
      return d;
    }
    plugins.forEach((p) => of(p.name));
    return depth;
  }

  /** What a change to the plugin would restart, in words, from the API's answer. */
  function impactText(p) {
    const change = p.change;
    if (!change.dependents.length) return `A change to ${p.name} restarts no other plugin: none depends on it.`;
    const kept = change.dependents.filter((d) => !d.restarts).map((d) => `${d.plugin} (${d.why})`);
    const restarted = change.dependents.filter((d) => d.restarts).map((d) => `${d.plugin} (${d.restart})`);
    const keptText = kept.length ? ` Keeps running: ${kept.join('; ')}.` : '';
    if (!restarted.length) return `A change to ${p.name} restarts: none.${keptText}`;
    return `A change to ${p.name} restarts, in this order: ${restarted.join('; ')}.${keptText}`;
  }

  /** The role of each plugin in the selection: the selected one, what a change to it restarts, what keeps running. */
  function roles(graph, selected) {
    const role = new Map();
    const p = graph.plugins.find((x) => x.name === selected);
    if (!p) return role;
    role.set(p.name, 'selected');
    for (const d of p.change.dependents) role.set(d.plugin, d.restarts ? 'restarts' : 'keeps');
    return role;
  }

  function draw(target, graph, role, select) {
    const depth = depths(graph.plugins);
    const layers = [];
    for (const p of graph.plugins) (layers[depth.get(p.name)] = layers[depth.get(p.name)] || []).push(p);
    // an edge that skips a layer arcs over the nodes between, higher the more it skips: room for it above them
    const span = (l) => (at.has(l.dependent) && at.has(l.provider) ? at.get(l.dependent).column - at.get(l.provider).column : 0);
    const at = new Map();
    layers.forEach((layer, x) => layer.forEach((p, y) => at.set(p.name, { x: NODE.margin + x * NODE.column, y: y * NODE.row, column: x })));
    const top = NODE.margin + ARC * Math.max(1, ...graph.links.map(span));
    at.forEach((place) => { place.y += top; });
    const width = NODE.margin * 2 + Math.max(0, layers.length - 1) * NODE.column + NODE.width;
    const height = top + NODE.margin + Math.max(1, ...layers.map((l) => l.length)) * NODE.row;
    target.textContent = '';
    target.setAttribute('viewBox', `0 0 ${width} ${height}`);
    target.setAttribute('width', width);
    target.setAttribute('height', height);
    const defs = svg('defs', {}, target);
    const marker = svg('marker', { id: 'graph-arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto' }, defs);
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }, marker);

    // one edge per pair, labelled with every kind of link between them; the arrow points at what is used
    const pairs = new Map();
    for (const l of graph.links) {
      const key = l.dependent + '\u0000' + l.provider;
      if (!pairs.has(key)) pairs.set(key, { dependent: l.dependent, provider: l.provider, kinds: [], restarts: false });
      const pair = pairs.get(key);
      if (!pair.kinds.includes(KIND[l.kind])) pair.kinds.push(KIND[l.kind]);
      pair.restarts = pair.restarts || l.restartsDependent;
    }
    const edges = svg('g', { class: 'edges' }, target);
    for (const pair of pairs.values()) {
      const from = at.get(pair.dependent);
      const to = at.get(pair.provider);
      if (!from || !to) continue;
      const skips = from.column - to.column;
      let d;
      let label;
      if (skips > 1 || skips < 1) {
        // over the top: from the dependent's top edge to the provider's
        const x1 = from.x + 24;
        const x2 = to.x + NODE.width - 24;
        const peak = Math.min(from.y, to.y) - ARC * Math.abs(skips || 1);
        d = `M${x1},${from.y} C${x1},${peak} ${x2},${peak} ${x2},${to.y}`;
        label = { x: (x1 + x2) / 2, y: peak + ARC * 0.75 - 3 };
      } else {
        const x1 = from.x;
        const y1 = from.y + NODE.height / 2;
        const x2 = to.x + NODE.width;
        const y2 = to.y + NODE.height / 2;
        const bend = (x1 - x2) / 2;
        d = `M${x1},${y1} C${x1 - bend},${y1} ${x2 + bend},${y2} ${x2},${y2}`;
        label = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4 };
      }
      const g = svg('g', { class: 'edge' + (pair.restarts ? ' restarting' : ' held'), 'data-dependent': pair.dependent, 'data-provider': pair.provider }, edges);
      svg('path', { d, 'marker-end': 'url(#graph-arrow)' }, g);
      svg('text', { x: label.x, y: label.y, 'text-anchor': 'middle' }, g).textContent = pair.kinds.join(' + ');
    }
    const nodes = svg('g', { class: 'nodes' }, target);
    for (const p of graph.plugins) {
      const place = at.get(p.name);
      const g = svg('g', {
        class: `node ${stateClass(p)} ${role.get(p.name) || ''}`, 'data-plugin': p.name, 'data-depth': place.column,
        transform: `translate(${place.x},${place.y})`, tabindex: '0', role: 'button',
        'aria-label': `${p.name}, ${stateText(p)}; select to see what a change to it restarts`,
      }, nodes);
      svg('rect', { width: NODE.width, height: NODE.height, rx: '6' }, g);
      svg('text', { x: 8, y: 17, class: 'name' }, g).textContent = p.name;
      svg('text', { x: 8, y: 33, class: 'state' }, g).textContent = stateText(p)
        + (role.get(p.name) === 'restarts' ? ' · restarts' : role.get(p.name) === 'keeps' ? ' · keeps running' : '');
      g.addEventListener('click', () => select(p.name));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(p.name); } });
    }
  }

  function table(body, graph, role, select) {
    body.textContent = '';
    for (const p of graph.plugins) {
      const row = html('tr', null, body, role.get(p.name) || '');
      row.dataset.plugin = p.name;
      const name = html('td', null, row);
      const pick = html('button', p.name, name, 'quiet');
      pick.type = 'button';
      pick.dataset.select = p.name;
      pick.setAttribute('aria-pressed', String(role.get(p.name) === 'selected'));
      pick.addEventListener('click', () => select(p.name));
      html('td', stateText(p), row, stateClass(p));
      html('td', p.uses.join(', ') || '—', row);
      html('td', p.usedBy.join(', ') || '—', row);
      html('td', p.change.restarts.join(', ') || 'none', row);
    }
  }

  function links(list, graph) {
    list.textContent = '';
    for (const l of graph.links) {
      const li = html('li', `${l.provider} ← ${l.dependent}: ${l.why}; a change to ${l.provider} `
        + (l.restartsDependent ? 'restarts it' : 'does not restart it'), list);
      li.dataset.dependent = l.dependent;
      li.dataset.provider = l.provider;
      li.dataset.kind = l.kind;
    }
    if (!graph.links.length) html('li', 'no plugin uses another', list);
  }

  /**
   * Draws the graph into the page's #graph, #graph-plugins, #graph-links and #graph-impact.
   *
   * @param graph    the answer of GET /api/v1/graph
   * @param selected the selected plugin's name, or null
   * @param select   called with a plugin's name when it is selected
   */
  function render(graph, selected, select) {
    const role = roles(graph, selected);
    draw(document.getElementById('graph'), graph, role, select);
    table(document.getElementById('graph-plugins').tBodies[0], graph, role, select);
    links(document.getElementById('graph-links'), graph);
    const p = graph.plugins.find((x) => x.name === selected);
    document.getElementById('graph-impact').textContent = p ? impactText(p) : 'Select a plugin to see what a change to it would restart.';
  }

  return { render };
})();
