// Draws each repeat's charts with uPlot: fault spans shaded, writer changes as dashed lines.
(function () {
  function marks(data) {
    return function (u) {
      var ctx = u.ctx, top = u.bbox.top, height = u.bbox.height, end = data.seconds[data.seconds.length - 1];
      ctx.save();
      data.faults.forEach(function (fault) {
        var from = u.valToPos(fault.from, 'x', true);
        var to = u.valToPos(fault.to === null ? end : fault.to, 'x', true);
        ctx.fillStyle = 'rgba(220, 50, 50, 0.13)';
        ctx.fillRect(from, top, Math.max(1, to - from), height);
      });
      ctx.strokeStyle = 'rgba(40, 60, 200, 0.8)';
      ctx.setLineDash([5, 4]);
      data.roleChanges.forEach(function (change) {
        var x = u.valToPos(change.at, 'x', true);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
      });
      ctx.restore();
    };
  }

  function chart(element, title, unit, data, series) {
    var options = {
      title: title, width: 920, height: 220,
      scales: { x: { time: false } },
      axes: [{ label: 'seconds into the run' }, { label: unit }],
      series: [{ label: 's' }].concat(series.map(function (s) { return { label: s.label, stroke: s.color, width: 2 }; })),
      hooks: { draw: [marks(data)] }
    };
    new uPlot(options, [data.seconds].concat(series.map(function (s) { return data[s.field]; })), element);
  }

  document.querySelectorAll('[data-repeat]').forEach(function (element) {
    var data = window.REPEATS[element.getAttribute('data-repeat')];
    var kind = element.getAttribute('data-chart');
    if (kind === 'throughput') {
      chart(element, 'Orders acknowledged per second', 'orders/s', data, [{ label: 'ok', field: 'ok', color: '#2a8a2a' }]);
    } else if (kind === 'errors') {
      chart(element, 'Orders failed or unknown per second', 'orders/s', data,
        [{ label: 'failed', field: 'failed', color: '#c0392b' }, { label: 'unknown', field: 'unknown', color: '#e67e22' }]);
    } else {
      chart(element, 'Latency of acknowledged orders', 'ms', data,
        [{ label: 'p50', field: 'p50Ms', color: '#2c6fbb' }, { label: 'p99', field: 'p99Ms', color: '#8e44ad' }]);
    }
  });
})();
