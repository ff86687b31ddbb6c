/* scan2db serve's page: a filesystem's scan, one directory level at a time, from the server's JSON API. Names are
   written by every user of the filesystem, so they reach the DOM only as textContent, and chart tooltips (HTML in
   ECharts) get them through encodeHTML. The view (filesystem, scan, path, owner, cold age) lives in the URL's
   fragment, so a link opens the same view. */
(function () {
  'use strict';
  // The shared helpers (/static/common.js); the cold ages (the report's --cold) come from the page's data block.
  var el = scan2db.el;
  var count = scan2db.count;
  var bytes = scan2db.bytes;
  var tip = scan2db.tip;
  var data = JSON.parse(document.getElementById('scan2db-data').textContent);
  var LEVEL_ROWS = 200;
  var endpoints = [];
  var user = null; // In the server's per-user mode, the user its proxy names: every answer is theirs alone.
  var catalog = [];
  var roots = [];
  var charts = {};
  var shown = 0; // Which view the page shows: answers to an older view are dropped.

  function $(id) {
    return document.getElementById(id);
  }

  function state() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    return { fs: p.get('fs') || '', scan: p.get('scan') || '', path: p.get('path') || '', owner: p.get('owner') || '',
      cold: p.get('cold') || data.cold };
  }

  function go(changes) {
    var s = state();
    Object.keys(changes).forEach(function (k) { s[k] = changes[k]; });
    var p = new URLSearchParams();
    ['fs', 'scan', 'path', 'owner', 'cold'].forEach(function (k) {
      if (s[k] && !(k === 'cold' && s[k] === data.cold)) {
        p.set(k, s[k]);
      }
    });
    location.hash = p.toString();
  }

  function target(s) {
    return s.scan ? s.fs + '@' + s.scan : s.fs;
  }

  function api(endpoint, params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== '') {
        q.append(k, params[k]);
      }
    });
    return fetch('/api/' + endpoint + '?' + q.toString(), { credentials: 'same-origin' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          throw new Error(body.error || ('HTTP ' + r.status));
        }
        return body;
      });
    });
  }

  function status(text, error) {
    var s = $('status');
    s.textContent = text;
    s.className = error ? 'sub error' : 'sub';
  }

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id));
    }
    return charts[id];
  }

  function fillSelect(select, values, chosen) {
    select.textContent = '';
    values.forEach(function (v) {
      var o = el('option', null, v[1]);
      o.value = v[0];
      select.appendChild(o);
    });
    select.value = chosen;
  }

  function crumbs(s) {
    var nav = $('crumbs');
    nav.textContent = '';
    var top = el('button', null, 'roots');
    top.addEventListener('click', function () { go({ path: '' }); });
    nav.appendChild(top);
    if (!s.path) {
      return;
    }
    var root = roots.filter(function (r) { return s.path === r || s.path.indexOf(r + '/') === 0; })[0] || s.path;
    var parts = [root].concat(s.path.substring(root.length).split('/').filter(function (x) { return x; }));
    var path = '';
    parts.forEach(function (part, i) {
      path = i === 0 ? part : path + '/' + part;
      nav.appendChild(el('span', 'sep', i === 0 ? '›' : '/'));
      var b = el('button', null, part);
      var to = path;
      b.addEventListener('click', function () { go({ path: to }); });
      nav.appendChild(b);
    });
  }

  /** What a scan's bytes are, as a heading says it: allocated bytes, or apparent sizes (--apparent-size). */
  function sizeWord(basis) {
    return basis === 'apparent' ? 'apparent' : 'allocated';
  }

  /** A scan's size basis from an answer: per filesystem in most, one word in history's. */
  function basisOf(answer, fs) {
    return typeof answer.size_basis === 'string' ? answer.size_basis : (answer.size_basis || {})[fs];
  }

  function levelTable(rows, s, current, basis, ages) {
    var t = $('level');
    t.textContent = '';
    var head = el('tr');
    [[sizeWord(basis), 'num']].concat(ages ? [['not read in ' + s.cold, 'num']] : []).concat([['files', 'num'],
      ['directories', 'num'], ['newest access', null], ['owner', null], ['directory', null]]).forEach(function (h) {
      head.appendChild(el('th', h[1], h[0]));
    });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr', r.path === current ? 'current' : null);
      tr.appendChild(el('td', 'num', bytes(r.total_size_r)));
      if (ages) {
        tr.appendChild(el('td', 'num', bytes(r.cold_size_r)));
      }
      tr.appendChild(el('td', 'num', count(r.file_count_r)));
      tr.appendChild(el('td', 'num', count(r.dir_count_r)));
      tr.appendChild(el('td', null, scan2db.day(r.max_atime_r)));
      tr.appendChild(el('td', null, r.owner));
      var name = el('td', 'path');
      if (r.path === current) {
        name.textContent = r.path;
      } else {
        var b = el('button', null, current ? r.path.substring(current.length + 1) : r.path);
        b.title = r.path;
        b.addEventListener('click', function () { go({ path: r.path }); });
        name.appendChild(b);
      }
      tr.appendChild(name);
      t.appendChild(tr);
    });
  }

  /**
   * The level's subdirectories as boxes, coloured as the report's treemap: by the share of each box's bytes not read
   * in the cold age (du --cold, the report's own figure), grey without files; all grey (`ages` false) until the
   * shares come, and for a scan without access times, without the legend.
   */
  function treemap(rows, s, current, basis, ages) {
    var children = rows.filter(function (r) { return r.path !== current && r.total_size_r > 0; });
    var legend = $('legend');
    legend.textContent = '';
    if (ages) {
      legend.appendChild(scan2db.coldLegend(s.cold));
    }
    chart('treemap').setOption({
      tooltip: {
        formatter: function (p) {
          var r = p.data.row;
          return tip([r.path, bytes(r.total_size_r) + ' ' + sizeWord(basis), count(r.file_count_r) + ' files']
            .concat(ages ? ['not read in ' + s.cold + ': ' + bytes(r.cold_size_r) + ' ('
              + (100 * r.cold_size_r / r.total_size_r).toFixed(1) + '%)'] : [])
            .concat(['newest access: ' + (r.max_atime_r || '-')]));
        }
      },
      series: [{
        type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false },
        label: { color: '#111', lineHeight: 15, formatter: function (p) { return p.name + '\n' + bytes(p.value); } },
        data: children.map(function (r) {
          return {
            name: current ? r.path.substring(current.length + 1) : r.path, value: r.total_size_r, row: r,
            itemStyle: { color: ages ? scan2db.coldColour(r.cold_size_r, r.total_size_r, r.file_count_r)
              : scan2db.NO_FILES }
          };
        })
      }]
    }, true);
  }

  function histogram(id, title, rows) {
    chart(id).setOption({
      title: { text: title, textStyle: { fontSize: 13 } },
      grid: { left: 70, right: 10, bottom: 60, top: 30 },
      tooltip: {
        formatter: function (p) {
          var r = rows[p.dataIndex];
          return tip([r.label, bytes(r.total_size) + ' in ' + count(r.file_count) + ' files']);
        }
      },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.label; }), axisLabel: { rotate: 30 } },
      yAxis: scan2db.bytesAxis(rows.map(function (r) { return r.total_size; })),
      series: [{ type: 'bar', data: rows.map(function (r) { return r.total_size; }),
        itemStyle: { color: scan2db.WARM_BAR } }]
    }, true);
  }

  /** A chart's place taken by a sentence, for an answer the scan cannot give. */
  function chartNote(id, words) {
    chart(id).setOption({
      title: { text: words, left: 'center', top: 'middle', textStyle: { fontSize: 13, fontWeight: 'normal' } }
    }, true);
  }

  /** A section that says why the scan cannot answer its question. */
  function noteSection(id, title, words) {
    extraSection(id, title, null, null, [], null, null, words);
  }

  // Sections for the read commands the server has beyond the level and the histograms (history, owners, cold,
  // files): each a table of its answer's rows, its columns [field, heading, kind] as the command names them, where a
  // null heading is the scan's bytes (allocated, or apparent for a scan imported with --apparent-size) and a column
  // of kind 'size' (the files' own sizes) is left out when those are what the bytes count already; `says` words
  // the note above the table from the answer, where the rows alone would mislead.
  function extraSection(id, title, endpoint, params, columns, view, says, cannot) {
    var more = $('more');
    var s = $(id);
    if (!s) {
      s = el('section');
      s.id = id;
      more.appendChild(s);
    }
    s.textContent = '';
    s.appendChild(el('h2', null, title));
    var note = el('p', 'note', cannot || 'loading...');
    s.appendChild(note);
    if (cannot) {
      return;
    }
    api(endpoint, params).then(function (answer) {
      if (view !== shown) {
        return;
      }
      var rows = answer.rows || answer.subtrees || answer.owners || [];
      note.textContent = says ? says(answer, rows) : (rows.length ? '' : 'none');
      var t = el('table');
      var head = el('tr');
      function num(c) {
        return c[2] && c[2] !== 'day';
      }
      var basis = basisOf(answer, state().fs);
      var kept = columns.filter(function (c) { return !(c[2] === 'size' && basis === 'apparent'); });
      kept.forEach(function (c) {
        head.appendChild(el('th', num(c) ? 'num' : null, c[1] === null ? sizeWord(basis) : c[1]));
      });
      t.appendChild(head);
      rows.forEach(function (r) {
        var tr = el('tr');
        kept.forEach(function (c) {
          var v = r[c[0]];
          tr.appendChild(el('td', num(c) ? 'num' : (c[0] === 'path' ? 'path' : null), c[2] === 'bytes'
            || c[2] === 'size' ? bytes(v)
            : c[2] === 'count' ? count(v) : c[2] === 'day' ? scan2db.day(v)
            : c[2] === 'percent' ? (v === null ? '-' : v.toFixed(1) + '%') : (v === null ? '' : v)));
        });
        t.appendChild(tr);
      });
      s.appendChild(t);
    }).catch(function (e) {
      note.textContent = e.message;
    });
  }

  // What a files answer is taken from: the lists the import kept, so a subtree's answer is those of the kept files
  // that lie in it, complete only where the list holds every file of the filesystem (or owner).
  function keptFilesNote(path) {
    return function (answer, rows) {
      var k = answer.kept[0];
      var words = 'The ' + answer.list + ' files ' + answer.answers_from + '.';
      if (!path) {
        return words;
      }
      return words + ' ' + (k.in_scope ? count(k.in_scope) + ' of them lie' : 'None of them lies') + ' under '
        + path + (k.listed < k.kept ? ': the list holds every file, so these are all there are.'
          : '; files there outside the kept list are not known.');
    };
  }

  /**
   * A level's answer as its table, treemap and caption: `coloured` once it is du --cold's, whose column is empty for
   * a scan without access times.
   */
  function showLevel(s, owner, answer, coloured) {
    var scanDate = answer.scan_dates[s.fs];
    var basis = basisOf(answer, s.fs);
    var rows = answer.rows;
    var ages = coloured && rows.length > 0 && rows[0].cold_size_r !== null;
    if (!s.path) {
      roots = rows.map(function (r) { return r.path; });
    }
    crumbs(s);
    $('level-title').textContent = s.path ? s.path : 'The scan\'s roots';
    var cut = s.path && rows.length > LEVEL_ROWS ? 'The ' + LEVEL_ROWS + ' largest subdirectories. ' : '';
    var whose = user ? 'your' : owner ? owner + '\'s' : null;
    $('level-note').textContent = cut + (whose ? 'Only ' + whose + ' files: the directories holding some of them,'
      + ' with ' + whose + ' files and bytes (the other figures where every file is ' + (user ? 'yours' : 'theirs')
      + '). ' : '')
      + 'Scan of ' + scanDate + (basis === 'apparent' ? '; its bytes are apparent sizes (each'
        + ' file\'s length, imported with --apparent-size), not allocated bytes' : '')
      + '. Click a directory to go down; the treemap is sized by ' + sizeWord(basis) + ' bytes and '
      + (!coloured ? 'will be coloured by the share of each box\'s bytes not read in ' + s.cold + ' (loading).'
        : ages ? scan2db.coldWords(s.cold, data.cold_from[data.cold_ages.indexOf(s.cold)]) + '.'
          : 'not coloured: this scan has no access times.');
    levelTable(rows, s, s.path, basis, ages);
    treemap(rows, s, s.path, basis, ages);
    $('cold-age').disabled = coloured && !ages; // no age to choose in a scan without access times
    status(s.fs + ', scan of ' + scanDate);
  }

  function render() {
    var s = state();
    var view = ++shown;
    fillSelect($('fs'), unique(catalog.map(function (c) { return c.filesystem; })).map(function (f) { return [f, f]; }),
      s.fs);
    var scans = catalog.filter(function (c) { return c.filesystem === s.fs; });
    fillSelect($('scan'), [['', 'newest' + (scans.length ? ' (' + scans[0].scan_date + ')' : '')]].concat(
      scans.map(function (c) { return [c.scan_date, c.scan_date]; })), s.scan);
    fillSelect($('cold-age'), data.cold_ages.map(function (a) { return [a, a]; }), s.cold);
    $('owner').value = user || s.owner;
    $('owner').disabled = !!user;
    if (!s.fs) {
      status('No scans in this server\'s data directory.', true);
      return;
    }
    status('loading...');
    // Per user, du itself keeps only the directories holding the user's files, with their figures; an owner filter
    // asks the same of du -u. The level comes first, uncoloured; then the same rows with their bytes not read in the
    // cold age (du --cold), the treemap's colours: a pass over the level's histogram cells that can cost more than
    // the level itself (bench/serve.sh), so the level never waits for it.
    var owner = user ? '' : s.owner;
    var asked = s.path ? { target: target(s), path: s.path, depth: 1, limit: LEVEL_ROWS + 1, owner: owner }
      : { target: target(s), depth: 0, owner: owner };
    api('du', asked).then(function (answer) {
      if (view !== shown) {
        return null;
      }
      showLevel(s, owner, answer, false);
      return api('du', Object.assign({ cold: s.cold }, asked));
    }).then(function (answer) {
      if (answer && view === shown) {
        showLevel(s, owner, answer, true);
      }
    }).catch(function (e) {
      if (view === shown) {
        status(e.message, true);
      }
    });
    var scope = { target: target(s), 'path-prefix': s.path || null, owner: owner || null };
    api('analyze', scope).then(function (a) {
      if (view === shown) {
        // A scan whose list had no access times has no access histogram: its chart says why instead.
        if (a.access) {
          histogram('access', 'By time since last access', a.access);
        } else {
          chartNote('access', a.access_unknown);
        }
        var word = sizeWord(basisOf(a, s.fs));
        $('histograms-note').textContent = 'Every file of the subtree under its own owner, by the time since its'
          + ' last access and by its ' + word + ' size (bars: ' + word + ' bytes).';
        histogram('sizes', 'By ' + word + ' size', a.sizes);
        answersOfTheSubtree(s, owner, a, view);
      }
    }).catch(function (e) {
      if (view === shown) {
        status(e.message, true);
        // Not an earlier subtree's answers under this one's name.
        ['owners', 'files', 'cold'].forEach(function (id) {
          if ($(id)) {
            $(id).remove();
          }
        });
      }
    });
    if (endpoints.indexOf('/api/history') >= 0 && !s.scan) {
      extraSection('history', 'History of ' + (s.path || 'the filesystem'), 'history',
        { target: s.fs, 'path-prefix': s.path || null },
        user ? [['scan_date', 'scan'], ['total_size', null, 'bytes'], ['delta_total_size', 'change', 'bytes'],
          ['file_count', 'files', 'count']]
          : s.path ? [['scan_date', 'scan'], ['status', 'status'], ['total_size_r', null, 'bytes'],
          ['delta_total_size_r', 'change', 'bytes'], ['file_count_r', 'files', 'count']]
          : [['scan_date', 'scan'], ['total_size', null, 'bytes'], ['delta_total_size', 'change', 'bytes'],
            ['total_files', 'files', 'count']], view);
    } else if ($('history')) {
      $('history').remove();
    }
  }

  // The owners, largest files and cold subtrees of the shown subtree, once its analysis says which of them the
  // scan can answer: a question it cannot (no owners, no access times) is not asked, and its section says why.
  function answersOfTheSubtree(s, owner, a, view) {
    if (endpoints.indexOf('/api/owners') >= 0 && a.owners_unknown) {
      noteSection('owners', 'Owners', a.owners_unknown + '.');
    } else if (endpoints.indexOf('/api/owners') >= 0) {
      extraSection('owners', 'Owners', 'owners', { target: target(s), 'path-prefix': s.path || null, limit: 20 },
        [['owner', 'owner'], ['total_size', null, 'bytes'], ['share', 'share', 'percent'],
          ['file_count', 'files', 'count'], ['not_read_1y', 'not read for 1 year', 'bytes']], view);
    }
    if (endpoints.indexOf('/api/files') >= 0) {
      // Per user, the server answers from the user's own list and refuses owner=.
      extraSection('files', 'Largest files', 'files', { target: target(s), largest: 'true',
        'path-prefix': s.path || null, owner: owner || null, limit: 20 },
        [['total_size', null, 'bytes'], ['apparent_size', 'size', 'size'], ['atime', 'accessed', 'day'],
          ['owner', 'owner'], ['path', 'file']], view, keptFilesNote(s.path));
    }
    // The cold subtrees of the age the treemap is coloured by, so that the page answers one question.
    if (endpoints.indexOf('/api/cold') >= 0 && a.access_unknown) {
      noteSection('cold', 'Not read in ' + s.cold, a.access_unknown + '.');
    } else if (endpoints.indexOf('/api/cold') >= 0) {
      extraSection('cold', 'Not read in ' + s.cold, 'cold', { target: target(s), 'path-prefix': s.path || null,
        'accessed-before': s.cold, owner: owner || null, limit: 20 },
        [['total_size_r', null, 'bytes'], ['file_count_r', 'files', 'count'], ['owner', 'owner'],
          ['path', 'directory']], view);
    }
  }

  function unique(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; });
  }

  function start() {
    api('catalog', {}).then(function (c) {
      catalog = c.rows;
      return fetch('/api').then(function (r) { return r.json(); });
    }).then(function (list) {
      endpoints = list.endpoints;
      user = list.user || null;
      if (!state().fs && catalog.length) {
        go({ fs: catalog[0].filesystem });
        return;
      }
      render();
    }).catch(function (e) {
      status(e.message, true);
    });
    window.addEventListener('hashchange', render);
    $('fs').addEventListener('change', function () { go({ fs: $('fs').value, scan: '', path: '' }); });
    $('scan').addEventListener('change', function () { go({ scan: $('scan').value }); });
    $('cold-age').addEventListener('change', function () { go({ cold: $('cold-age').value }); });
    $('owner').addEventListener('change', function () {
      if (!user) {
        go({ owner: $('owner').value.trim() });
      }
    });
    window.addEventListener('resize', function () {
      Object.keys(charts).forEach(function (k) { charts[k].resize(); });
    });
  }

  start();
})();
