/* scan2db report: draws the page from the JSON block. Names are written by every user of the filesystem, so they
   reach the DOM only as textContent, and the tooltips (HTML in ECharts) get them through encodeHTML. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('scan2db-data').textContent);
  var encode = echarts.format.encodeHTML;
  // Newest access by the access histogram's buckets: green (this month) to dark red (7+ years); grey: no files.
  var AGE = ['#1a9850', '#66bd63', '#a6d96a', '#d9ef8b', '#fee08b', '#fdae61', '#f46d43', '#d73027', '#a50026',
    '#67001f'];
  var NO_FILES = '#bbbbbb';
  var charts = [];
  var boxes = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }

  function count(n) {
    return Number(n).toLocaleString('en-US');
  }

  // Axis ticks only: every figure a person reads in full is formatted by scan2db itself.
  function bytes(v) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
    var a = Math.abs(v);
    var i = 0;
    while (a >= 1024 && i < units.length - 1) {
      a /= 1024;
      i++;
    }
    return (v < 0 ? '-' : '') + (i === 0 ? a : a.toFixed(a >= 100 ? 0 : 1)) + ' ' + units[i];
  }

  function tip(lines) {
    return lines.map(encode).join('<br>');
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
      + '. As of the scan, not real-time. Report made ' + data.made.replace('T', ' ').replace('Z', ' UTC') + '.'));
    h.appendChild(el('div', 'sub', 'Scope: ' + (data.scope === null ? 'the whole filesystem' : data.scope)
      + '. Source: ' + data.source_file + '.'));
    var cards = el('div', 'cards');
    [[count(data.total_directories), 'directories'], [count(data.total_files), 'files'],
      [data.total_size_text, 'allocated'], [data.total_apparent_size_text, 'apparent'],
      [count(data.total_lines), 'lines read'], [count(data.rejected_lines), 'rejected lines']].forEach(function (c) {
      var card = el('div', 'card');
      card.appendChild(el('div', 'v', c[0]));
      card.appendChild(el('div', 'l', c[1]));
      cards.appendChild(card);
    });
    h.appendChild(cards);
  }

  /** A box as an ECharts treemap node; the box itself stays in `boxes`, found again by its index. */
  function node(b, parent) {
    b.parent = parent;
    boxes.push(b);
    var n = { name: b.n, value: b.v, bi: boxes.length - 1, itemStyle: { color: b.g === undefined ? NO_FILES : AGE[b.g] } };
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
      case 'o': return b.n + ' smaller entries of ' + parent;
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
    lines.push('newest access: ' + (b.a === undefined ? '- (no files)' : b.a + ' (' + data.age_labels[b.g] + ')'));
    return lines;
  }

  function treemap() {
    var s = section('Where the space is',
      'The biggest subtrees, sized by allocated bytes and coloured by their newest access. Click a box to go down,'
      + ' the bar below the chart to go back up. Down to ' + data.depth + ' levels below the scope, '
      + count(data.boxes) + ' boxes (at most ' + count(data.max_nodes) + '): smaller subtrees are merged into one'
      + ' "other" box per directory, and a directory\'s own files are the box "(files here)".');
    var legend = el('div', 'legend');
    data.age_labels.forEach(function (label, i) {
      var item = el('span');
      var sw = el('span', 'sw');
      sw.style.background = AGE[i];
      item.appendChild(sw);
      item.appendChild(document.createTextNode(label));
      legend.appendChild(item);
    });
    var none = el('span');
    var sw = el('span', 'sw');
    sw.style.background = NO_FILES;
    none.appendChild(sw);
    none.appendChild(document.createTextNode('no files'));
    legend.appendChild(none);
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
        label: { show: true, overflow: 'truncate' },
        upperLabel: { show: true, height: 20, color: '#fff', textBorderColor: '#333', textBorderWidth: 2 },
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

  function histogram(field, title, note, colours) {
    var s = section(title, note);
    var rows = data[field];
    chart(s, field, false).setOption({
      tooltip: {
        trigger: 'axis',
        formatter: function (ps) {
          var r = rows[ps[0].dataIndex];
          return tip([r.label, 'allocated: ' + r.size_text, 'files: ' + count(r.file_count)]);
        }
      },
      legend: { data: ['allocated bytes', 'files'] },
      grid: { left: 70, right: 70, bottom: 40 },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.label; }) },
      yAxis: [{ type: 'value', name: 'allocated', axisLabel: { formatter: bytes } },
        { type: 'value', name: 'files', splitLine: { show: false } }],
      series: [
        { name: 'allocated bytes', type: 'bar', data: rows.map(function (r, i) {
          return colours ? { value: r.total_size, itemStyle: { color: colours[i] } } : r.total_size;
        }) },
        { name: 'files', type: 'line', yAxisIndex: 1, data: rows.map(function (r) { return r.file_count; }) }
      ]
    });
  }

  function owners() {
    var s = section('Top owners', 'Allocated bytes of every file under its own uid, the ' + data.owners.length
      + ' largest owners of the scope.');
    var rows = data.owners.slice().reverse();
    chart(s, 'owners', false).setOption({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          var r = rows[ps[0].dataIndex];
          return tip([r.owner + ' (uid ' + r.owner_uid + ')', 'allocated: ' + r.size_text,
            'files: ' + count(r.total_files)]);
        }
      },
      grid: { left: 120, right: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: bytes } },
      yAxis: { type: 'category', data: rows.map(function (r) { return r.owner; }) },
      series: [{ type: 'bar', data: rows.map(function (r) { return r.total_size; }), itemStyle: { color: '#4575b4' } }]
    });
  }

  // The tail of a path that fits an axis label; the tooltip and the table give all of it.
  function tail(path) {
    return path.length <= 42 ? path : '\u2026' + path.slice(path.length - 41);
  }

  function growth(g) {
    var s = section('What changed since ' + g.old_scan_date,
      'From scan2db diff: the directories whose allocated size grew or shrank most (every ancestor of a change'
      + ' changes too), and the change per owner (every file under its own uid), ' + g.days_apart + ' days apart.');
    var rows = g.growers.concat(g.shrinkers.slice().reverse()).reverse();
    var two = el('div', 'two');
    s.appendChild(two);
    var left = el('div');
    var right = el('div');
    two.appendChild(left);
    two.appendChild(right);
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
      xAxis: { type: 'value', axisLabel: { formatter: bytes } },
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
      xAxis: { type: 'value', axisLabel: { formatter: bytes } },
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

  header();
  treemap();
  histogram('access', 'Age of last access', 'Files and allocated bytes by the days from their last access to the'
    + ' scan date (scan2db analyze).', AGE);
  histogram('sizes', 'File sizes', 'Files and allocated bytes by the allocated size of each file (scan2db analyze).',
    null);
  owners();
  if (data.growth) {
    growth(data.growth);
  }
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
}());
