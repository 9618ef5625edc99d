/*
 * The Datacenter dashboard: polls the read-only API and draws the DC/OS panels.
 * No framework, no build step, no network beyond this operator's own /api/v1.
 */
(function () {
  'use strict';

  var POOL_COLOURS = ['#8b7cf6', '#20c997', '#f59f00', '#4dabf7', '#f06595', '#94d82d', '#ff8787', '#63e6be'];
  var CLUSTER_COLOUR = '#5b6cff';
  var STATUS_ORDER = ['Failed', 'Recovering', 'Waiting', 'Deploying', 'Running', 'Suspended'];
  var HOUR_MS = 3600 * 1000;
  /** Above this many nodes the grid shows small cells without text. */
  var COMPACT_NODES = 48;

  var body = document.body;
  var pollMs = Number(body.dataset.pollMs) || 3000;
  var historyMs = Number(body.dataset.historyMs) || 10000;
  var last = { state: null, history: null, offers: null };
  var poolColour = {};

  // ---- small helpers -------------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  /** Creates an element; text is always set as text, never parsed as HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      // through the CSSOM, not a style attribute: the Content-Security-Policy (style-src 'self') allows no inline styles
      else if (key === 'style') node.style.cssText = value;
      else if (key.indexOf('data-') === 0 || key.indexOf('aria-') === 0 || key === 'role' || key === 'title' ||
               key === 'tabindex' || key === 'scope') node.setAttribute(key, value);
      else node[key] = value;
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function replaceChildren(parent, children) {
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    children.forEach(function (c) { parent.appendChild(c); });
  }

  function ratio(part, whole) { return whole > 0 ? Math.max(0, Math.min(1, part / whole)) : 0; }

  function percent(r) { return Math.round(r * 100) + ' %'; }

  function cores(x) {
    var rounded = Math.round(x * 10) / 10;
    return Math.abs(rounded - Math.round(rounded)) < 1e-9 ? String(Math.round(rounded)) : rounded.toFixed(1);
  }

  function bytes(b) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    var i = 0;
    var v = b;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    var text = v >= 10 || i === 0 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
    return text + ' ' + units[i];
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function timeOfDay(iso) {
    var d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function colourForPool(name, index) {
    if (!poolColour[name]) poolColour[name] = POOL_COLOURS[index % POOL_COLOURS.length];
    return poolColour[name];
  }

  /** CPU share to a cool-to-hot colour: pale blue, blue, violet, amber, red. */
  function heat(r) {
    var stops = [[0, [226, 232, 244]], [0.35, [116, 160, 240]], [0.65, [124, 100, 238]],
                 [0.85, [240, 160, 48]], [1, [229, 72, 77]]];
    for (var i = 1; i < stops.length; i++) {
      if (r <= stops[i][0]) {
        var a = stops[i - 1], b = stops[i];
        var t = (r - a[0]) / (b[0] - a[0]);
        var c = a[1].map(function (v, k) { return Math.round(v + (b[1][k] - v) * t); });
        return 'rgb(' + c.join(',') + ')';
      }
    }
    return 'rgb(229,72,77)';
  }

  // ---- charts --------------------------------------------------------------------------------

  /** Sizes a canvas for the device's pixel ratio; returns its 2D context and CSS size. */
  function prepare(canvas) {
    var dpr = window.devicePixelRatio || 1;
    var w = canvas.clientWidth || 300;
    var h = canvas.clientHeight || 90;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    var ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    return { ctx: ctx, w: w, h: h };
  }

  function axes(c, pad, max, format) {
    var ctx = c.ctx;
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = '#8a93a6';
    ctx.strokeStyle = '#eceff4';
    ctx.lineWidth = 1;
    [0, 0.5, 1].forEach(function (f) {
      var y = Math.round(pad.top + (c.h - pad.top - pad.bottom) * (1 - f)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(pad.left, y);
      ctx.lineTo(c.w - pad.right, y);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(format(max * f), pad.left - 6, y);
    });
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText('-60m', pad.left, c.h - 2);
    ctx.textAlign = 'center';
    ctx.fillText('-30m', pad.left + (c.w - pad.left - pad.right) / 2, c.h - 2);
    ctx.textAlign = 'right';
    ctx.fillText('now', c.w - pad.right, c.h - 2);
  }

  /**
   * Draws series of [timeMs, value] over the last hour ending at endMs; values run from 0 to max (1 and
   * percentages unless given).
   */
  function lineChart(canvas, endMs, series, max, format) {
    var c = prepare(canvas);
    var pad = { left: 34, right: 6, top: 6, bottom: 14 };
    max = max || 1;
    axes(c, pad, max, format || function (v) { return Math.round(v * 100) + '%'; });
    var x = function (t) { return pad.left + (c.w - pad.left - pad.right) * (1 - (endMs - t) / HOUR_MS); };
    var y = function (v) { return pad.top + (c.h - pad.top - pad.bottom) * (1 - v / max); };
    series.forEach(function (s) {
      var pts = s.points.filter(function (p) { return p[0] >= endMs - HOUR_MS; });
      if (!pts.length) return;
      var ctx = c.ctx;
      ctx.beginPath();
      pts.forEach(function (p, i) { if (i === 0) ctx.moveTo(x(p[0]), y(p[1])); else ctx.lineTo(x(p[0]), y(p[1])); });
      if (pts.length === 1) ctx.lineTo(x(endMs), y(pts[0][1]));
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = s.width;
      ctx.lineJoin = 'round';
      ctx.stroke();
      if (s.fill) {
        var lastX = pts.length === 1 ? x(endMs) : x(pts[pts.length - 1][0]);
        ctx.lineTo(lastX, y(0));
        ctx.lineTo(x(pts[0][0]), y(0));
        ctx.closePath();
        var g = ctx.createLinearGradient(0, pad.top, 0, c.h - pad.bottom);
        g.addColorStop(0, 'rgba(91,108,255,0.28)');
        g.addColorStop(1, 'rgba(91,108,255,0.02)');
        ctx.fillStyle = g;
        ctx.fill();
      }
    });
  }

  /** Draws one bar per minute bucket (values are counts). */
  function barChart(canvas, buckets, colour, unit) {
    var c = prepare(canvas);
    var pad = { left: 34, right: 6, top: 6, bottom: 14 };
    var max = Math.max(1, Math.max.apply(null, buckets));
    axes(c, pad, max, function (v) { return (Math.round(v * 10) / 10) + unit; });
    var w = (c.w - pad.left - pad.right) / buckets.length;
    c.ctx.fillStyle = colour;
    buckets.forEach(function (v, i) {
      if (v <= 0) return;
      var h = (c.h - pad.top - pad.bottom) * v / max;
      c.ctx.fillRect(pad.left + i * w + 0.5, c.h - pad.bottom - h, Math.max(1, w - 1), h);
    });
  }

  // ---- panels --------------------------------------------------------------------------------

  function resourcePanel(kind, state) {
    var cluster = state.cluster;
    var cap = cluster.capacity, alloc = cluster.allocated;
    var key = { cpu: 'cpus', mem: 'mem', gpu: 'gpus' }[kind];
    var figure = $(kind + '-percent'), detail = $(kind + '-detail');
    var r = ratio(alloc[key], cap[key]);
    if (cap[key] > 0) {
      replaceChildren(figure, [el('span', { className: 'figure-value', text: String(Math.round(r * 100)) }),
                               el('span', { className: 'figure-unit', text: ' %' })]);
      figure.dataset.value = String(r);
    } else {
      replaceChildren(figure, [el('span', { className: 'figure-value muted', text: '–' })]);
      delete figure.dataset.value;
    }
    detail.textContent = kind === 'cpu' ? cores(alloc.cpus) + ' of ' + cores(cap.cpus) + ' cores'
      : kind === 'mem' ? bytes(alloc.mem) + ' of ' + bytes(cap.mem)
      : cap.gpus > 0 ? alloc.gpus + ' of ' + cap.gpus + ' GPUs' : 'No GPUs in the cluster';

    var list = $(kind + '-pools');
    replaceChildren(list, state.pools.filter(function (p) { return p.capacity[key] > 0; }).map(function (p, i) {
      var pr = ratio(p.allocated[key], p.capacity[key]);
      var colour = colourForPool(p.name, state.pools.indexOf(p));
      return el('li', { 'data-pool': p.name, title: p.name + ': ' + percent(pr) + ' of the pool\'s nodes' }, [
        el('span', { className: 'swatch', style: 'background:' + colour, 'aria-hidden': 'true' }),
        el('span', { className: 'pool-name', text: p.name }),
        el('span', { className: 'bar', 'aria-hidden': 'true' }, [
          el('span', { className: 'bar-fill', style: 'width:' + (pr * 100).toFixed(1) + '%;background:' + colour })]),
        el('span', { className: 'pool-value', text: percent(pr) })
      ]);
    }));
  }

  function tasksPanel(state) {
    var t = state.cluster.tasks;
    $('tasks-total').textContent = String(t.total);
    $('tasks-running').textContent = String(t.running);
    $('tasks-staged').textContent = String(t.staged);
    $('tasks-healthy').textContent = String(t.healthy);
    $('tasks-unhealthy').textContent = String(t.unhealthy);
    $('tasks-unhealthy').classList.toggle('bad', t.unhealthy > 0);
  }

  function statusBadge(status) {
    return el('span', { className: 'badge badge-' + status.toLowerCase(), text: status });
  }

  function servicesPanel(state) {
    var apps = state.apps.slice().sort(function (a, b) {
      var d = STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
      if (d !== 0) return d;
      var ua = a.instances.unhealthy + (a.desired - a.instances.ready), ub = b.instances.unhealthy + (b.desired - b.instances.ready);
      return ub - ua || (a.namespace + '/' + a.name).localeCompare(b.namespace + '/' + b.name);
    });
    var rows = apps.map(function (a) {
      var info = [];
      if (a.readyMessage && a.status !== 'Running') info.push(el('span', { className: 'note', text: a.readyMessage }));
      if (a.lastTaskFailure) {
        var f = a.lastTaskFailure;
        info.push(el('span', { className: 'note failure', title: f.message || '',
          text: 'Last failure: ' + f.instance + ' on ' + f.node + ' · ' + (f.message || f.reason) }));
      }
      return el('tr', { 'data-testid': 'service-row', 'data-app': a.name, 'data-status': a.status }, [
        el('th', { scope: 'row' }, [
          el('span', { className: 'service-name', text: a.name }),
          el('span', { className: 'service-meta', text: a.namespace + (a.group ? ' · ' + a.group : '') })
        ].concat(info)),
        el('td', { text: a.pool }),
        el('td', { className: 'num', text: a.instances.ready + ' / ' + a.desired,
          'aria-label': a.instances.ready + ' of ' + a.desired + ' instances ready' }),
        el('td', null, [statusBadge(a.status)])
      ]);
    });
    if (!rows.length) {
      rows = [el('tr', null, [el('td', { className: 'empty', colSpan: 4, text: 'No services yet.' })])];
    }
    replaceChildren($('services-health'), rows);
  }

  function waitingPanel(state) {
    var waiting = state.apps.filter(function (a) {
      return (a.pending && a.pending.count > 0) || a.status === 'Waiting';
    }).sort(function (a, b) { return (b.pending ? b.pending.count : 0) - (a.pending ? a.pending.count : 0); });
    var items = waiting.map(function (a) {
      var count = a.pending ? a.pending.count : 0;
      var reasons = (a.pending ? a.pending.reasons : []).map(function (r) {
        return el('li', { className: 'reason', 'data-testid': 'waiting-reason', 'data-reason': r.reason }, [
          el('span', { className: 'reason-name', text: r.reason }),
          ' on ' + plural(r.nodes, 'node')
        ]);
      });
      return el('li', { className: 'waiting-app', 'data-testid': 'waiting-app', 'data-app': a.name }, [
        el('div', { className: 'waiting-head' }, [
          el('span', { className: 'service-name', text: a.name }),
          el('span', { className: 'pending-count', text: count > 0 ? plural(count, 'instance') + ' waiting' : (a.readyReason || 'Waiting') }),
          explainButton(a)
        ]),
        reasons.length ? el('ul', { className: 'reasons', 'aria-label': 'Why ' + a.name + ' waits' }, reasons)
          : el('p', { className: 'note', text: a.readyMessage || '' })
      ]);
    });
    if (!items.length) items = [el('li', { className: 'empty', text: 'No app is waiting for offers.' })];
    replaceChildren($('waiting-apps'), items);
  }

  // ---- why is it waiting (GET api/v1/apps/{namespace}/{name}/explain) -------------------------------

  var explaining = null;

  function explainButton(a) {
    var b = el('button', { type: 'button', className: 'why', text: 'Why?', 'data-testid': 'explain-button',
      'data-app': a.name, 'aria-label': 'Why ' + a.namespace + '/' + a.name + ' waits' });
    b.addEventListener('click', function () { explain(a.namespace, a.name); });
    return b;
  }

  function explain(namespace, name) {
    explaining = { namespace: namespace, name: name };
    var panel = $('explain');
    panel.hidden = false;
    delete panel.dataset.loaded;
    $('explain-title').textContent = 'Why ' + namespace + '/' + name + ' waits';
    fetchExplain();
    if (panel.scrollIntoView) panel.scrollIntoView({ block: 'nearest' });
  }

  /** Asks for the open explanation again (on every poll while the panel is open). */
  function fetchExplain() {
    var x = explaining;
    if (!x) return;
    getJson('api/v1/apps/' + encodeURIComponent(x.namespace) + '/' + encodeURIComponent(x.name) + '/explain')
      .then(renderExplain)
      .catch(function (e) { $('explain-summary').textContent = 'No explanation: ' + e.message; });
  }

  function renderExplain(x) {
    if (!explaining || x.namespace !== explaining.namespace || x.name !== explaining.name) return;
    var panel = $('explain');
    panel.dataset.app = x.name;
    $('explain-summary').textContent = x.available
      ? plural(x.pending, 'instance') + ' waiting in pool ' + x.pool + '; each requirement checked on ' +
        plural(x.nodes, 'node') + ' for instance ' + x.instance + ' (' + cores(x.resources.cpus) + ' cores, ' +
        bytes(x.resources.mem) + (x.resources.gpus ? ', ' + plural(x.resources.gpus, 'GPU') : '') + ').'
      : (x.message || 'No explanation available.') + (x.readyMessage ? ' ' + x.readyMessage : '');
    replaceChildren($('explain-errors'), (x.errors || []).map(function (e) {
      return el('li', { className: 'note failure', 'data-testid': 'explain-error', text: e.reason + ': ' + e.message });
    }));
    var rows = (x.requirements || []).map(function (r) {
      return el('tr', { 'data-testid': 'explain-requirement', 'data-requirement': r.requirement,
        'data-declined': String(r.declined), className: r.declined > 0 ? 'declining' : null }, [
        el('th', { scope: 'row', text: r.requirement }),
        el('td', null, [el('span', { className: 'reason-name', text: r.reason })]),
        el('td', { className: 'num', text: String(r.matched) }),
        el('td', { className: 'num', text: String(r.declined) })
      ]);
    });
    if (!rows.length) rows = [el('tr', null, [el('td', { className: 'empty', colSpan: 4, text: 'No requirement was checked.' })])];
    replaceChildren($('explain-requirements'), rows);
    var closest = (x.closest || []).map(function (n) {
      return el('li', { 'data-testid': 'explain-node', 'data-node': n.node }, [
        el('span', { className: 'service-name', text: n.node }),
        el('span', { className: 'service-meta inline', text: ' ' + (n.failed.length ? 'fails ' + n.failed.join(', ') : 'fits') +
          ' · free ' + cores(n.free.cpus) + ' cores, ' + bytes(n.free.mem) })
      ]);
    });
    replaceChildren($('explain-closest'), closest.length ? closest : [el('li', { className: 'none', text: 'None' })]);
    panel.dataset.loaded = 'true';
  }

  $('explain-close').addEventListener('click', function () {
    explaining = null;
    $('explain').hidden = true;
  });

  // ---- groups ---------------------------------------------------------------------------------

  function groupsPanel(state) {
    var rows = (state.groups || []).map(function (g) {
      var depth = g.path.split('/').length - 2;
      return el('tr', { 'data-testid': 'group-row', 'data-group': g.path, 'data-label': g.label }, [
        el('th', { scope: 'row', style: 'padding-left: ' + (0.75 + depth * 1.25) + 'rem', title: 'label datacenter.dev/group=' + g.label }, [
          el('span', { className: 'service-name', text: g.path }),
          g.apps.length ? el('span', { className: 'service-meta', text: g.apps.join(', ') }) : null
        ]),
        el('td', { className: 'num', text: String(g.appCount) }),
        el('td', { className: 'num', text: g.instances.ready + ' / ' + g.desired }),
        el('td', { className: 'num', text: String(g.instances.healthy) }),
        el('td', { className: 'num', text: String(g.instances.unhealthy) }),
        el('td', { className: 'num', text: cores(g.resources.cpus) }),
        el('td', { className: 'num', text: bytes(g.resources.mem) }),
        el('td', { className: 'num', text: String(g.resources.gpus) }),
        el('td', null, [statusBadge(g.status)])
      ]);
    });
    if (!rows.length) rows = [el('tr', null, [el('td', { className: 'empty', colSpan: 9, text: 'No app has a group.' })])];
    replaceChildren($('group-table'), rows);
  }

  function share(p) {
    return el('span', { className: 'share' }, [
      el('span', { className: 'bar', 'aria-hidden': 'true' }, [
        el('span', { className: 'bar-fill', style: 'width:' + (Math.min(1, p.dominantShare) * 100).toFixed(1) +
          '%;background:' + colourForPool(p.name, 0) })]),
      el('span', { className: 'pool-value', text: percent(p.dominantShare) })
    ]);
  }

  function poolsPanel(state) {
    var rows = state.pools.map(function (p, i) {
      colourForPool(p.name, i);
      var cell = function (key, fmt) {
        return el('td', { className: 'num', title: fmt(p.allocated[key]) + ' of ' + fmt(p.capacity[key]),
          text: p.capacity[key] > 0 ? percent(ratio(p.allocated[key], p.capacity[key])) : '–' });
      };
      return el('tr', { 'data-testid': 'pool-row', 'data-pool': p.name }, [
        el('th', { scope: 'row' }, [
          el('span', { className: 'swatch', style: 'background:' + colourForPool(p.name, i), 'aria-hidden': 'true' }),
          el('span', { className: 'service-name', text: p.name }),
          p.implied ? el('span', { className: 'tag', text: 'implied' }) : null
        ]),
        el('td', { className: 'num', text: String(p.weight) }),
        el('td', { className: 'num', text: String(p.nodes) }),
        cell('cpus', cores), cell('mem', bytes), cell('gpus', String),
        el('td', null, [share(p)]),
        el('td', { className: 'num' + (p.pendingInstances > 0 ? ' warn' : ''), text: String(p.pendingInstances) }),
        el('td', { className: 'num', 'data-testid': 'pool-preemptions', text: String(p.preemptions || 0) })
      ]);
    });
    replaceChildren($('pool-table'), rows);
  }

  function naturalName(a, b) { return a.name.localeCompare(b.name, undefined, { numeric: true }); }

  function nodeFigures(n) {
    var r = ratio(n.allocated.cpus, n.capacity.cpus);
    return {
      cpu: r,
      lines: [
        'CPU ' + cores(n.allocated.cpus) + ' of ' + cores(n.capacity.cpus) + ' cores (' + percent(r) + ')',
        'Memory ' + bytes(n.allocated.mem) + ' of ' + bytes(n.capacity.mem) + ' (' + percent(ratio(n.allocated.mem, n.capacity.mem)) + ')',
        n.capacity.gpus > 0 ? 'GPU ' + n.allocated.gpus + ' of ' + n.capacity.gpus : null,
        plural(n.tasks, 'task'),
        [n.zone, n.rack].filter(Boolean).join(' · ') || null,
        'Pools: ' + (n.pools.length ? n.pools.join(', ') : 'none'),
        !n.ready ? 'Not ready' : !n.schedulable ? 'Unschedulable (cordoned)' : null
      ].filter(Boolean)
    };
  }

  function nodesPanel(state) {
    var nodes = state.nodes.slice().sort(naturalName);
    var cells = nodes.map(function (n) {
      var f = nodeFigures(n);
      var usable = n.ready && n.schedulable;
      var cell = el('li', {
        className: 'node-cell' + (usable ? '' : ' cordoned') + (f.cpu >= 0.45 ? ' on-dark' : ''),
        tabindex: '0', 'data-testid': 'node-cell', 'data-node': n.name, 'data-cpu-share': f.cpu.toFixed(3),
        'aria-label': n.name + ': ' + f.lines.join(', '),
        style: usable ? 'background:' + heat(f.cpu) : null
      }, [
        el('span', { className: 'node-name', text: n.name }),
        el('span', { className: 'node-value', text: percent(f.cpu) })
      ]);
      cell.addEventListener('mouseenter', function () { showTooltip(cell, n); });
      cell.addEventListener('focus', function () { showTooltip(cell, n); });
      cell.addEventListener('mouseleave', hideTooltip);
      cell.addEventListener('blur', hideTooltip);
      return cell;
    });
    if (!cells.length) cells = [el('li', { className: 'empty', text: 'No nodes.' })];
    $('node-grid').classList.toggle('compact', nodes.length > COMPACT_NODES);
    replaceChildren($('node-grid'), cells);
    var c = state.cluster;
    $('nodes-detail').textContent = plural(c.nodes, 'node') + ', ' + c.schedulableNodes + ' schedulable';
  }

  function showTooltip(cell, node) {
    var tip = $('node-tooltip');
    var f = nodeFigures(node);
    replaceChildren(tip, [el('strong', { text: node.name })].concat(f.lines.map(function (l) {
      return el('span', { text: l });
    })));
    tip.hidden = false;
    var panel = cell.closest('.panel').getBoundingClientRect();
    var r = cell.getBoundingClientRect();
    tip.style.left = Math.min(r.left - panel.left, panel.width - 240) + 'px';
    tip.style.top = (r.bottom - panel.top + 8) + 'px';
    cell.setAttribute('aria-describedby', 'node-tooltip');
  }

  function hideTooltip() { $('node-tooltip').hidden = true; }

  function summary(state) {
    var c = state.cluster;
    var apps = state.apps.length;
    $('cluster-summary').textContent = plural(c.nodes, 'node') + ' · ' + plural(state.pools.length, 'pool') + ' · ' +
      plural(apps, 'service') + ' · ' + plural(c.tasks.running, 'running task');
  }

  // ---- history panels -------------------------------------------------------------------------

  function historyPanels() {
    var h = last.history, state = last.state;
    if (!h) return;
    var pts = h.points.map(function (p) { return { t: Date.parse(p.time), p: p }; });
    var end = state ? Math.max(Date.parse(state.time) || 0, pts.length ? pts[pts.length - 1].t : 0) : Date.now();
    var pools = state ? state.pools : [];
    ['cpu', 'mem', 'gpu'].forEach(function (kind) {
      var key = { cpu: 'cpus', mem: 'mem', gpu: 'gpus' }[kind];
      var series = pools.filter(function (p) { return p.capacity[key] > 0; }).map(function (p, i) {
        return { colour: colourForPool(p.name, pools.indexOf(p)), width: 1.25, points: pts.filter(function (x) {
          return x.p.pools[p.name];
        }).map(function (x) { return [x.t, x.p.pools[p.name][kind]]; }) };
      });
      series.push({ colour: CLUSTER_COLOUR, width: 2.25, fill: true, points: pts.map(function (x) { return [x.t, x.p.cluster[kind]]; }) });
      lineChart($(kind + '-chart'), end, series);
    });
    var most = Math.max.apply(null, [1].concat(pts.map(function (x) { return x.p.tasksRunning; })));
    var top = most <= 4 ? 4 : Math.ceil(most / 4) * 4;
    lineChart($('tasks-chart'), end, [{ colour: '#20c997', width: 2, fill: false,
      points: pts.map(function (x) { return [x.t, x.p.tasksRunning]; }) }], top,
      function (v) { return String(Math.round(v)); });

    // failures per minute: sixty one-minute buckets over the last hour
    var buckets = [];
    for (var i = 0; i < 60; i++) buckets.push(0);
    pts.forEach(function (x) {
      var age = end - x.t;
      if (age < 0 || age >= HOUR_MS) return;
      buckets[59 - Math.floor(age / 60000)] += x.p.taskFailures;
    });
    barChart($('failure-chart'), buckets, '#e5484d', '');
    var minutes = 5;
    var recent = buckets.slice(60 - minutes).reduce(function (a, b) { return a + b; }, 0) / minutes;
    var rate = Math.round(recent * 10) / 10;
    replaceChildren($('failure-rate'), [el('span', { className: 'figure-value' + (rate > 0 ? ' bad' : ''), text: String(rate) }),
                                        el('span', { className: 'figure-unit', text: ' /min' })]);
    $('failure-rate').dataset.value = String(rate);
    var total = state ? state.cluster.taskFailures : 0;
    $('failure-detail').textContent = 'Failures per minute, last ' + minutes + ' min · ' + total + ' since start';
    body.dataset.historyPoints = String(h.points.length);
  }

  // ---- polling --------------------------------------------------------------------------------

  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (r) {
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function connection(ok, text) {
    var c = $('connection');
    c.dataset.state = ok ? 'live' : 'down';
    c.textContent = text;
  }

  function frameworksPanel(state) {
    var list = (state.frameworks || []).slice().sort(function (a, b) {
      return a.pool.localeCompare(b.pool) || (a.namespace + '/' + a.owner).localeCompare(b.namespace + '/' + b.owner);
    });
    var rows = list.map(function (f) {
      return el('tr', { 'data-testid': 'framework-row', 'data-owner': f.owner }, [
        el('th', { scope: 'row' }, [
          el('span', { className: 'service-name', text: f.owner }),
          el('span', { className: 'service-meta', text: f.namespace })
        ]),
        el('td', { text: f.pool }),
        el('td', { className: 'num', text: String(f.running) }),
        el('td', { className: 'num', text: String(f.waiting) }),
        el('td', { className: 'num', text: cores(f.resources.cpus) }),
        el('td', { className: 'num', text: bytes(f.resources.mem) })
      ]);
    });
    if (!rows.length) {
      rows = [el('tr', null, [el('td', { className: 'empty', colSpan: 6,
        text: 'No pods name the operator as their scheduler (schedulerName: datacenter).' })])];
    }
    replaceChildren($('framework-table'), rows);
  }

  function renderState(state) {
    last.state = state;
    state.pools.forEach(function (p, i) { colourForPool(p.name, i); });
    summary(state);
    resourcePanel('cpu', state);
    resourcePanel('mem', state);
    resourcePanel('gpu', state);
    tasksPanel(state);
    servicesPanel(state);
    frameworksPanel(state);
    waitingPanel(state);
    groupsPanel(state);
    poolsPanel(state);
    fetchExplain();
    nodesPanel(state);
    historyPanels();
    body.dataset.loaded = 'true';
  }

  function renderOffers(o) {
    last.offers = o;
    var declinedTotal = o.declined.reduce(function (a, r) { return a + r.nodes; }, 0);
    $('cycle-figures').textContent = o.cycle > 0
      ? 'Cycle #' + o.cycle + ' at ' + timeOfDay(o.startedAt) + ' took ' + o.durationMillis.toFixed(1) + ' ms: ' +
        plural(o.offersMade, 'offer') + ', ' + o.accepted + ' accepted, ' + declinedTotal + ' declined.'
      : 'No allocation cycle has run yet.';
    var none = function (list) { return list.length ? list : [el('li', { className: 'none', text: 'None' })]; };
    replaceChildren($('cycle-declined'), none(o.declined.map(function (r) {
      return el('li', { className: 'reason', 'data-reason': r.reason }, [
        el('span', { className: 'reason-name', text: r.reason }), ' × ' + r.nodes]);
    })));
    replaceChildren($('cycle-placements'), none(o.placements.map(function (p) {
      return el('li', { 'data-testid': 'placement' }, [
        el('span', { className: 'service-name', text: p.instance }),
        el('span', { className: 'arrow', text: ' → ' }),
        el('span', { text: p.node }),
        el('span', { className: 'service-meta inline', text: ' ' + p.pool })]);
    })));
    var preempted = [];
    (o.preemptions || []).forEach(function (p) {
      p.victims.forEach(function (v) {
        preempted.push(el('li', { 'data-testid': 'preemption' }, [
          el('span', { className: 'service-name', text: v.instance }),
          el('span', { className: 'service-meta inline', text: ' ' + v.pool }),
          el('span', { className: 'arrow', text: ' ⇢ ' }),
          el('span', { text: p.instance + ' on ' + p.node }),
          el('span', { className: 'service-meta inline', text: ' ' + p.pool })]));
      });
    });
    replaceChildren($('cycle-preemptions'), none(preempted));
    $('offer-cycle').textContent = o.cycle > 0
      ? 'Allocation cycle #' + o.cycle + ' · ' + o.durationMillis.toFixed(1) + ' ms · ' + o.accepted + ' of ' +
        plural(o.offersMade, 'offer') + ' accepted'
      : 'No allocation cycle yet';
  }

  function pollState() {
    Promise.all([getJson('api/v1/state'), getJson('api/v1/offers')]).then(function (r) {
      renderState(r[0]);
      renderOffers(r[1]);
      connection(true, 'Live · updated ' + timeOfDay(r[0].time));
    }).catch(function (e) {
      connection(false, 'Disconnected · retrying');
      if (window.console) console.warn(e);
    }).then(function () { setTimeout(pollState, pollMs); });
  }

  function pollHistory() {
    getJson('api/v1/history').then(function (h) {
      last.history = h;
      historyPanels();
    }).catch(function (e) {
      if (window.console) console.warn(e);
    }).then(function () { setTimeout(pollHistory, historyMs); });
  }

  function componentRow(name, status) {
    var up = status === 'UP';
    return el('li', { 'data-testid': 'component', 'data-component': name }, [
      el('span', { text: name }),
      el('span', { className: 'health ' + (up ? 'health-up' : 'health-down'), text: up ? 'Healthy' : 'Unhealthy' })]);
  }

  /** The operator's own health checks (Quarkus /q/health): 503 still carries the checks. */
  function pollHealth() {
    fetch('q/health', { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (r) {
      return r.json();
    }).then(function (h) {
      var rows = [componentRow('Operator', h.status)].concat((h.checks || []).map(function (c) {
        return componentRow(c.name, c.status);
      }));
      replaceChildren($('component-health'), rows);
    }).catch(function () {
      replaceChildren($('component-health'), [el('li', { className: 'empty', text: 'Health checks unavailable.' })]);
    }).then(function () { setTimeout(pollHealth, historyMs); });
  }

  document.querySelectorAll('.nav a').forEach(function (a) {
    a.addEventListener('click', function () {
      document.querySelectorAll('.nav a').forEach(function (b) { b.removeAttribute('aria-current'); });
      a.setAttribute('aria-current', 'page');
    });
  });

  window.addEventListener('resize', historyPanels);
  pollHealth();
  pollHistory();
  pollState();
})();
