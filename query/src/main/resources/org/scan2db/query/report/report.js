/* scan2db report: draws the page from the JSON block, with the helpers of common.js (inlined before it). Names are
   written by every user of the filesystem, so they reach the DOM only as textContent, and the tooltips (HTML in
   ECharts) only through encodeHTML. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('scan2db-data').textContent);
  // The shared helpers (common.js, inlined before this script).
  var el = scan2db.el;
  var count = scan2db.count;
  var tip = scan2db.tip;
  var bytesAxis = scan2db.bytesAxis;
  var WARM_BAR = scan2db.WARM_BAR;
  var COLD_BAR = scan2db.COLD_BAR;
  var coldFrom = data.age_labels.indexOf(data.cold_from);
  var charts = [];
  var boxes = [];

  function coldColour(b) {
    return scan2db.coldColour(b.x, b.v, b.c);
  }

  function percent(part, whole) {
    return whole > 0 ? (100 * part / whole).toFixed(1) + '%' : '-';
  }

  function section(title, note) {
    var s = el('section');
    s.appendChild(el('h2', null, title));
    if (note) {
      s.appendChild(el('p', 'note', note));
    }
    document.getElementById('sections').appendChild(s);
    return s;
  }

  /** A row of two columns under parent: [left, right]. */
  function twoColumns(parent) {
    var two = el('div', 'two');
    parent.appendChild(two);
    var left = el('div');
    var right = el('div');
    two.appendChild(left);
    two.appendChild(right);
    return [left, right];
  }

  /** The header's tiles, each [value, label]. */
  function cards(tiles) {
    var row = el('div', 'cards');
    tiles.forEach(function (c) {
      var card = el('div', 'card');
      card.appendChild(el('div', 'v', c[0]));
      card.appendChild(el('div', 'l', c[1]));
      row.appendChild(card);
    });
    return row;
  }

  function chart(parent, id, tall) {
    var d = el('div', tall ? 'chart tall' : 'chart');
    d.id = id;
    parent.appendChild(d);
    var c = echarts.init(d);
    charts.push(c);
    return c;
  }

  function header() {
    var h = document.getElementById('header');
    var g = data.growth;
    document.title = 'scan2db: ' + data.filesystem + ' ' + data.scan_date;
    h.appendChild(el('h1', null, 'scan2db report: ' + data.filesystem));
    h.appendChild(el('div', 'sub', 'Scan of ' + data.scan_date
      + (g ? ', compared with the scan of ' + g.old_scan_date + ' (' + g.days_apart + ' days earlier)' : '')
      + '. As of the scan, not real-time. Report made ' + data.made.replace('T', ' ').replace('Z', ' UTC') + '.'
      + apparentNote()));
    h.appendChild(el('div', 'sub', 'Scope: ' + (data.scope === null ? 'the whole filesystem' : data.scope)
      + '. Source: ' + data.source_file + '.'));
    h.appendChild(cards([[count(data.total_directories), 'directories'], [count(data.total_files), 'files'],
      [data.total_size_text, data.size_basis === 'apparent' ? 'apparent (counted)' : 'allocated'],
      [data.total_apparent_size_text, 'apparent'],
      [count(data.total_lines), 'lines read'], [count(data.rejected_lines), 'rejected lines']]
      .concat(data.trends ? [changeCard(data.trends)] : [])));
  }

  /** The header tile of the change since the previous scan of the catalog. */
  function changeCard(t) {
    // null where the two scans' bytes count different things (one imported with --apparent-size).
    return t.change_text === null ? ['not comparable', 'bytes of the scan of ' + t.dates[t.dates.length - 2]
      + ' are ' + t.size_bases[t.size_bases.length - 2] + ', these ' + t.size_bases[t.size_bases.length - 1]]
      : [t.change_text, 'since the scan of ' + t.dates[t.dates.length - 2]];
  }

  function trends(t) {
    var s = section('Trends over ' + t.dates.length + ' scans', 'From scan2db history: the scope\'s allocated'
      + ' bytes and files on each scan date, and the ten largest owners of the newest scan over time (every file'
      + ' under its own uid); then the subtrees that grew most since ' + t.growth_since + ' (scan2db diff'
      + ' --distinct: where the growth is, not the chain of its ancestors).');
    var halves = twoColumns(s);
    var left = halves[0];
    var right = halves[1];
    chart(left, 'trend-totals', false).setOption({
      title: { text: 'Allocated bytes and files', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      legend: { data: ['allocated bytes', 'files'], top: 20 },
      grid: { left: 70, right: 60, top: 60 },
      xAxis: { type: 'category', data: t.dates },
      yAxis: [bytesAxis(t.total_size.filter(function (v) { return v !== null; })),
        { type: 'value', name: 'files', splitLine: { show: false } }],
      series: [{ name: 'allocated bytes', type: 'line', data: t.total_size, itemStyle: { color: WARM_BAR } },
        { name: 'files', type: 'line', yAxisIndex: 1, data: t.total_files, itemStyle: { color: '#333' } }]
    });
    var all = [];
    t.owners.forEach(function (o) { all = all.concat(o.total_size.filter(function (v) { return v !== null; })); });
    chart(right, 'trend-owners', false).setOption({
      title: { text: 'The ten largest owners', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis', valueFormatter: scan2db.bytes },
      legend: { type: 'scroll', top: 20, data: t.owners.map(function (o) { return o.owner; }) },
      grid: { left: 70, right: 20, top: 60 },
      xAxis: { type: 'category', data: t.dates },
      yAxis: bytesAxis(all),
      series: t.owners.map(function (o) { return { name: o.owner, type: 'line', data: o.total_size }; })
    });
    table(s, 'trend-growers', [['path', 'path', 'path'], ['growth', 'delta_text', 'num'], ['size now', 'new_text',
      'num']], t.growers);
  }

  /** A box as an ECharts treemap node; the box itself stays in `boxes`, found again by its index. */
  function node(b, parent) {
    b.parent = parent;
    boxes.push(b);
    var n = { name: b.n, value: b.v, bi: boxes.length - 1, itemStyle: { color: coldColour(b) } };
    if (b.ch) {
      n.children = b.ch.map(function (c) { return node(c, b); });
    }
    return n;
  }

  function where(b) {
    var parent = b.parent ? (b.parent.p || b.parent.n) : '';
    switch (b.k) {
      case 'fs': return 'filesystem ' + b.n;
      case 'f': return 'files directly in ' + parent;
      case 'o': return b.n.replace(/^other \((\d+)\)$/, '$1') + ' smaller entries of ' + parent
        + ' (not drawn one by one), ' + percent(b.v, b.parent.v) + ' of it';
      default: return b.p;
    }
  }

  function describe(b) {
    var lines = [where(b), 'allocated: ' + b.s, 'files: ' + count(b.c)];
    if (b.r !== undefined) {
      lines.push((b.k === 'd' ? 'subdirectories: ' : 'directories: ') + count(b.r));
    }
    if (b.o !== undefined) {
      lines.push('owner: ' + b.o);
    }
    lines.push('not read in ' + data.cold + ': ' + b.xs + ' (' + percent(b.x, b.v) + ')');
    lines.push('newest access: ' + (b.a === undefined ? '- (no files)' : b.a + ' (' + data.age_labels[b.g] + ')'));
    return lines;
  }

  function treemap() {
    var s = section('Where the space is',
      'The biggest subtrees, sized by allocated bytes and ' + scan2db.coldWords(data.cold, data.cold_from)
      + '. Click a box to go down,'
      + ' the bar below the chart to go back up. Down to ' + data.depth + ' levels below the scope, '
      + count(data.boxes) + ' boxes (at most ' + count(data.max_nodes) + '): smaller subtrees are merged into one'
      + ' "other" box per directory, and a directory\'s own files are the box "(files here)".');
    var legend = scan2db.coldLegend(data.cold);
    legend.id = 'treemap-legend';
    s.appendChild(legend);
    var top = node(data.tree, null);
    var c = chart(s, 'treemap', true);
    var details = el('div');
    details.id = 'details';
    s.appendChild(details);
    function show(b) {
      details.textContent = describe(b).join('\n');
    }
    show(data.tree);
    c.setOption({
      tooltip: {
        className: 'scan2db-tip',
        formatter: function (p) {
          var b = p.data && boxes[p.data.bi];
          return b ? tip(describe(b)) : '';
        }
      },
      series: [{
        type: 'treemap',
        name: where(data.tree),
        data: top.children || [],
        leafDepth: 2,
        nodeClick: 'zoomToNode',
        roam: false,
        top: 10,
        bottom: 40,
        left: 0,
        right: 0,
        visibleMin: 200,
        // Labels are text (no rich text that a name could style); the size is in the label, the rest in the tooltip.
        label: { show: true, overflow: 'truncate', color: '#111', lineHeight: 15,
          formatter: function (p) { var b = boxes[p.data.bi]; return b ? b.n + '\n' + b.s : p.name; } },
        upperLabel: { show: true, height: 20, color: '#fff', textBorderColor: '#333', textBorderWidth: 2,
          formatter: function (p) { var b = boxes[p.data.bi]; return b ? b.n + '  ' + b.s : p.name; } },
        itemStyle: { borderColor: '#fff' },
        levels: [
          { itemStyle: { borderWidth: 0, gapWidth: 3 } },
          { itemStyle: { borderWidth: 3, gapWidth: 1, borderColor: '#eee' } },
          { itemStyle: { borderWidth: 2, gapWidth: 1, borderColor: '#f4f4f4' } }
        ],
        breadcrumb: { show: true, bottom: 8 }
      }]
    });
    c.on('click', function (p) {
      var b = p.data && boxes[p.data.bi];
      if (b) {
        show(b);
      }
    });
  }

  /** Bars of allocated bytes (two stacked series when split by the cold age) and a line of files. */
  function histogram(field, title, note, splitCold) {
    var s = section(title, note);
    var rows = data[field];
    var bars = splitCold
      ? [['allocated, read in the last ' + data.cold, WARM_BAR, function (r, i) { return i < coldFrom; }],
        ['allocated, not read in ' + data.cold, COLD_BAR, function (r, i) { return i >= coldFrom; }]]
      : [['allocated bytes', WARM_BAR, function () { return true; }]];
    var series = bars.map(function (b) {
      return { name: b[0], type: 'bar', stack: 'bytes', itemStyle: { color: b[1] },
        data: rows.map(function (r, i) { return b[2](r, i) ? r.total_size : 0; }) };
    });
    series.push({ name: 'files', type: 'line', yAxisIndex: 1, itemStyle: { color: '#333' },
      data: rows.map(function (r) { return r.file_count; }) });
    chart(s, field, false).setOption({
      tooltip: {
        trigger: 'axis',
        formatter: function (ps) {
          var r = rows[ps[0].dataIndex];
          return tip([r.label, 'allocated: ' + r.size_text, 'files: ' + count(r.file_count)]);
        }
      },
      legend: { data: series.map(function (x) { return x.name; }) },
      grid: { left: 70, right: 70, bottom: 40 },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.label; }) },
      yAxis: [bytesAxis(rows.map(function (r) { return r.total_size; }), { name: 'allocated' }),
        { type: 'value', name: 'files', splitLine: { show: false } }],
      series: series
    });
  }

  function owners() {
    var s = section('Top owners', 'Allocated bytes of every file under its own uid, the ' + data.owners.length
      + ' largest owners of the scope' + (data.users !== undefined ? ' (of ' + count(data.users) + ')' : '')
      + '; red: their bytes not read in 1y.' + (data.page === 'filesystem' ? ' Click an owner for the directories'
      + ' that hold most of their bytes (scan2db owners -u).' : ''));
    var rows = data.owners.slice().reverse();
    var c = chart(s, 'owners', false);
    c.getDom().style.height = Math.max(200, 30 * rows.length + 70) + 'px';
    c.resize();
    var list = el('div');
    list.id = 'owner-directories';
    s.appendChild(list);
    c.setOption({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          var r = rows[ps[0].dataIndex];
          return tip([r.owner + ' (uid ' + r.owner_uid + ')', 'allocated: ' + r.size_text,
            'not read in 1y: ' + r.not_read_1y_text, 'files: ' + count(r.total_files)]);
        }
      },
      legend: { data: ['read in the last 1y', 'not read in 1y'] },
      grid: { left: 120, right: 90, top: 30, bottom: 30 },
      xAxis: bytesAxis(rows.map(function (r) { return r.total_size; })),
      yAxis: { type: 'category', data: rows.map(function (r) { return r.owner; }) },
      series: [
        { name: 'read in the last 1y', type: 'bar', stack: 'owner', itemStyle: { color: WARM_BAR },
          data: rows.map(function (r) { return r.total_size - r.not_read_1y; }) },
        { name: 'not read in 1y', type: 'bar', stack: 'owner', itemStyle: { color: COLD_BAR },
          data: rows.map(function (r) { return r.not_read_1y; }),
          label: { show: true, position: 'right', color: '#222',
            formatter: function (p) { return rows[p.dataIndex].size_text; } } }
      ]
    });
    c.on('click', function (p) {
      var r = rows[p.dataIndex];
      if (r) {
        showOwner(list, r);
      }
    });
  }

  /** An owner's directories (owners -u: no directory whose figure a listed ancestor repeats), as a text table. */
  function showOwner(list, r) {
    if (!r.directories) {
      return; // a project's page lists no user's directories
    }
    list.textContent = '';
    list.appendChild(el('h3', null, 'Where the files of ' + r.owner + ' (uid ' + r.owner_uid + ') are: the '
      + r.directories.length + ' directories with most of their bytes'));
    var table = el('table');
    var head = el('tr');
    [['path', ''], ['their bytes', 'num'], ['not read in 1y', 'num'], ['their files', 'num']]
      .forEach(function (h) { head.appendChild(el('th', h[1], h[0])); });
    table.appendChild(head);
    r.directories.forEach(function (d) {
      var tr = el('tr');
      tr.appendChild(el('td', 'path', d.path));
      tr.appendChild(el('td', 'num', d.size_text));
      tr.appendChild(el('td', 'num', d.not_read_1y_text));
      tr.appendChild(el('td', 'num', count(d.file_count)));
      table.appendChild(tr);
    });
    list.appendChild(table);
  }

  // The tail of a path that fits an axis label; the tooltip and the table give all of it.
  function tail(path) {
    return path.length <= 42 ? path : '\u2026' + path.slice(path.length - 41);
  }

  function growth(g) {
    var s = section('What changed since ' + g.old_scan_date,
      'From scan2db diff --distinct: the directories whose allocated size grew or shrank most (an ancestor whose'
      + ' change only repeats a listed one is left out), and the change per owner (every file under its own uid), ' + g.days_apart + ' days apart.');
    var rows = g.growers.concat(g.shrinkers.slice().reverse()).reverse();
    var halves = twoColumns(s);
    var left = halves[0];
    var right = halves[1];
    chart(left, 'growth', false).setOption({
      title: { text: 'Directories', textStyle: { fontSize: 13 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          var r = rows[ps[0].dataIndex];
          return tip([r.path, r.status + ': ' + r.old_text + ' \u2192 ' + r.new_text + ' (' + r.delta_text + ')',
            'owner: ' + r.owner]);
        }
      },
      grid: { left: 220, right: 20, top: 30 },
      xAxis: bytesAxis(rows.map(function (r) { return r.delta_total_size_r; })),
      yAxis: { type: 'category', data: rows.map(function (r) { return tail(r.path); }) },
      series: [{ type: 'bar', data: rows.map(function (r) {
        return { value: r.delta_total_size_r, itemStyle: { color: r.delta_total_size_r > 0 ? '#d73027' : '#1a9850' } };
      }) }]
    });
    var owners = g.owners.slice().reverse();
    chart(right, 'growth-owners', false).setOption({
      title: { text: 'Owners', textStyle: { fontSize: 13 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          var r = owners[ps[0].dataIndex];
          return tip([r.owner + ' (uid ' + r.owner_uid + ')', 'change: ' + r.delta_text,
            'files: ' + count(r.old_file_count) + ' \u2192 ' + count(r.new_file_count)]);
        }
      },
      grid: { left: 100, right: 20, top: 30 },
      xAxis: bytesAxis(owners.map(function (r) { return r.delta_total_size; })),
      yAxis: { type: 'category', data: owners.map(function (r) { return r.owner; }) },
      series: [{ type: 'bar', data: owners.map(function (r) {
        return { value: r.delta_total_size, itemStyle: { color: r.delta_total_size > 0 ? '#d73027' : '#1a9850' } };
      }) }]
    });
    var table = el('table');
    table.id = 'growth-table';
    var head = el('tr');
    [['status', ''], ['path', ''], ['old size', 'num'], ['new size', 'num'], ['change', 'num'], ['owner', '']]
      .forEach(function (h) { head.appendChild(el('th', h[1], h[0])); });
    table.appendChild(head);
    g.growers.concat(g.shrinkers).forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', null, r.status));
      tr.appendChild(el('td', 'path', r.path));
      tr.appendChild(el('td', 'num', r.old_text));
      tr.appendChild(el('td', 'num', r.new_text));
      tr.appendChild(el('td', 'num', r.delta_text));
      tr.appendChild(el('td', null, r.owner));
      table.appendChild(tr);
    });
    s.appendChild(table);
  }

  /** A table of rows: columns are [heading, field, class]. */
  function table(parent, id, columns, rows) {
    var t = el('table');
    t.id = id;
    var head = el('tr');
    columns.forEach(function (c) { head.appendChild(el('th', c[2], c[0])); });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr');
      columns.forEach(function (c) {
        var v = r[c[1]];
        tr.appendChild(el('td', c[2], typeof v === 'number' ? count(v) : v));
      });
      t.appendChild(tr);
    });
    parent.appendChild(t);
  }

  /** What the page's bytes count, where that is not allocated bytes (a scan imported with --apparent-size). */
  function apparentNote() {
    return data.size_basis === 'apparent' ? ' Its bytes are apparent sizes (each file\'s length, imported with'
      + ' --apparent-size), not allocated bytes.' : '';
  }

  /** The header of a person's or a project's page: what it is of, and its own figures only. */
  function personalHeader(title, scopeText) {
    var h = document.getElementById('header');
    document.title = title;
    h.appendChild(el('h1', null, title));
    h.appendChild(el('div', 'sub', 'Scan of ' + data.filesystem + ' on ' + data.scan_date + '. As of the scan, not'
      + ' real-time. Page made ' + data.made.replace('T', ' ').replace('Z', ' UTC') + '.' + apparentNote()));
    h.appendChild(el('div', 'sub', scopeText));
    h.appendChild(cards([[count(data.total_files), 'files'],
      [data.total_size_text, data.size_basis === 'apparent' ? 'apparent (counted)' : 'allocated'],
      [data.not_read_1y_text, 'not read in 1 year'], [data.not_read_2y_text, 'not read in 2 years'],
      [data.not_read_3y_text, 'not read in 3 years']]));
  }

  function coldSection(whose) {
    var c = data.cold_subtrees;
    var s = section('Not read since ' + c.before, count(c.count) + ' subtrees ' + whose + ' whose newest access is'
      + ' before ' + c.before + ' (' + data.cold + ' before the scan), ' + c.total_text + ' in all (scan2db cold);'
      + ' the ' + c.rows.length + ' largest:');
    table(s, 'cold-table', [['path', 'path', 'path'], ['size', 'size_text', 'num'], ['files', 'file_count', 'num'],
      ['newest access', 'newest', '']], c.rows);
  }

  /** One of an owner's kept lists of files (files -u X --largest or --oldest), saying what it answers from. */
  function filesSection(kind, title, id) {
    var f = data.files[kind];
    if (f.missing) {
      section(title, f.missing);
      return;
    }
    if (kind === 'oldest' && f.listed === 0) {
      return; // the scan has no access times: nothing is oldest
    }
    var s = section(title, 'Their ' + (kind === 'largest' ? 'largest' : 'least recently accessed') + ' files '
      + f.answers_from + (data.scope === null ? '' : '; ' + count(f.in_scope) + ' of them lie under ' + data.scope
      + (f.listed < f.kept ? ' (the list holds every file of theirs)'
        : ' (their files there outside the list are not known)'))
      + (f.rows.length < f.in_scope ? '; the first ' + f.rows.length : '') + ' (scan2db files).');
    table(s, id, [['path', 'path', 'path'], ['allocated', 'size_text', 'num'], ['size', 'apparent_text', 'num'],
      ['last access', 'accessed', '']], f.rows);
  }

  function histograms() {
    histogram('access', 'Age of last access', 'Files and allocated bytes by the days from their last access to the'
      + ' scan date (scan2db analyze); red from ' + data.cold_from + '.', true);
    histogram('sizes', 'File sizes', 'Files and allocated bytes by the allocated size of each file (scan2db'
      + ' analyze).', false);
  }

  if (data.page === 'owner') {
    personalHeader('scan2db: the files of ' + data.owner + ' on ' + data.filesystem, 'Only the files of '
      + data.owner + ' (uid ' + data.owner_uid + ') in ' + (data.scope === null ? 'the whole filesystem' : data.scope)
      + '.');
    histograms();
    var where = section('Where the files are', 'The ' + data.directories.length + ' directories that hold most of'
      + ' the bytes of ' + data.owner + ' in their subtree; a directory whose figure a listed one above it repeats'
      + ' is left out (scan2db owners -u).');
    table(where, 'owner-directories', [['path', 'path', 'path'], ['bytes', 'size_text', 'num'],
      ['not read in 1y', 'not_read_1y_text', 'num'], ['files', 'file_count', 'num']], data.directories);
    coldSection('holding only files of ' + data.owner);
    filesSection('largest', 'Largest files', 'largest-files');
    filesSection('oldest', 'Least recently accessed files', 'oldest-files');
  } else if (data.page === 'project') {
    personalHeader('scan2db: project ' + data.title, 'Directories: ' + data.paths.join(', ') + '.');
    histograms();
    owners();
    table(document.getElementById('sections').lastChild, 'project-users', [['owner', 'owner', ''],
      ['bytes', 'size_text', 'num'], ['share', 'share', 'num'],
      ['not read in 1y', 'not_read_1y_text', 'num'], ['files', 'total_files', 'num']], data.owners);
    coldSection('of the project');
  } else {
    header();
    treemap();
    histograms();
    owners();
    if (data.growth) {
      growth(data.growth);
    }
    if (data.trends) {
      trends(data.trends);
    }
  }
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
}());
