/* What scan2db's two pages share: the report inlines this file before its own script, serve's page loads it as
   /static/common.js. Text-only elements (names are written by every user of the filesystem, so they reach the DOM
   only as textContent, and tooltips, HTML in ECharts, only through encodeHTML), figures formatted as scan2db prints
   them, and the colours. The access-age buckets' labels and the cold ages are not written here: each page gets them
   as data from org.scan2db.db.Buckets. */
var scan2db = (function () {
  'use strict';
  var UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  // The share of a box's bytes not read since the cold age, in classes from blue (in use) to red (cold). Each class
  // is [from, to) of the share but the last, which holds 100%.
  var COLD = [[0, 0.1, '#4575b4'], [0.1, 0.25, '#91bfdb'], [0.25, 0.5, '#e0f3f8'], [0.5, 0.75, '#fee090'],
    [0.75, 0.9, '#fc8d59'], [0.9, 1, '#d73027']];
  var NO_FILES = '#bbbbbb';

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
    return n === null || n === undefined ? '' : Number(n).toLocaleString('en-US');
  }

  function scaled(v) {
    var a = Math.abs(v);
    var i = 0;
    while (a >= 1024 && i < UNITS.length - 1) {
      a /= 1024;
      i++;
    }
    return [a, i];
  }

  // Bytes as scan2db prints them (org.scan2db.query.Sizes.format): binary units, one decimal below 100.
  function bytes(v) {
    if (v === null || v === undefined) {
      return '';
    }
    var s = scaled(v);
    var digits = s[1] === 0 ? String(s[0]) : s[0].toFixed(s[0] >= 100 ? 0 : 1);
    if (digits === '1024') {
      digits = '1.0';
      s[1]++;
    }
    return (v < 0 ? '-' : '') + digits + ' ' + UNITS[s[1]];
  }

  // An axis tick: a round figure reads best without decimals (1 GiB, 768 MiB).
  function tick(v) {
    var s = scaled(v);
    return (v < 0 ? '-' : '') + (Number.isInteger(s[0]) ? s[0] : s[0].toFixed(s[0] >= 100 ? 0 : 1)) + ' '
      + UNITS[s[1]];
  }

  /**
   * A bytes axis whose ticks fall on round binary figures (256 MiB, 512 MiB, 768 MiB, 1 GiB rather than ECharts'
   * decimal 477 MiB, 954 MiB): a step of 1, 2, 4 ... 512 of the largest unit that fits, at most 6 steps.
   */
  function bytesAxis(values, extra) {
    var lo = Math.min.apply(null, [0].concat(values));
    var hi = Math.max.apply(null, [0].concat(values));
    var unit = 1;
    while (unit * 1024 <= hi - lo) {
      unit *= 1024;
    }
    var step = unit;
    while ((hi - lo) / step > 6) {
      step *= 2;
    }
    var axis = { type: 'value', min: Math.floor(lo / step) * step, max: Math.max(step, Math.ceil(hi / step) * step),
      interval: step, axisLabel: { formatter: tick } };
    Object.keys(extra || {}).forEach(function (k) { axis[k] = extra[k]; });
    return axis;
  }

  // The day of a stored time (YYYY-MM-DD HH:MM:SS), as the commands' tables show it.
  function day(stored) {
    return stored ? String(stored).substring(0, 10) : '-';
  }

  // Lines of text as a tooltip's HTML.
  function tip(lines) {
    return lines.map(echarts.format.encodeHTML).join('<br>');
  }

  function coldColour(coldBytes, allBytes, files) {
    if (!files) {
      return NO_FILES;
    }
    var share = allBytes > 0 ? coldBytes / allBytes : 0;
    for (var i = 0; i < COLD.length - 1; i++) {
      if (share < COLD[i][1]) {
        return COLD[i][2];
      }
    }
    return COLD[COLD.length - 1][2];
  }

  /** What the cold colouring means, as both treemaps' captions say it: `from` is the label of age's first bucket. */
  function coldWords(age, from) {
    return 'coloured by the share of their bytes not read in ' + age + ' (files of access age ' + from
      + ' and older at the scan date)';
  }

  /**
   * The legend of the cold colouring (coldColour): the classes of the share of a box's bytes not read in `age`, and
   * the grey of a box without files.
   */
  function coldLegend(age) {
    var legend = el('div', 'legend');
    legend.appendChild(el('span', null, 'Bytes not read in ' + age + ':'));
    COLD.concat([[null, null, NO_FILES]]).forEach(function (c, i) {
      var item = el('span');
      var sw = el('span', 'sw');
      sw.style.background = c[2];
      item.appendChild(sw);
      item.appendChild(document.createTextNode(c[0] === null ? 'no files' : i === COLD.length - 1
        ? '\u2265 ' + 100 * c[0] + '%' : 100 * c[0] + '\u2013' + 100 * c[1] + '%'));
      legend.appendChild(item);
    });
    return legend;
  }

  return { el: el, count: count, bytes: bytes, tick: tick, bytesAxis: bytesAxis, day: day, tip: tip,
    coldColour: coldColour, coldLegend: coldLegend, coldWords: coldWords, COLD: COLD, NO_FILES: NO_FILES,
    WARM_BAR: '#4575b4', COLD_BAR: '#d73027' };
}());
