// The container terminal page: xterm.js on a WebSocket to a shell in the container.
// Binary frames carry the terminal's bytes both ways; text frames are JSON control
// messages (see TerminalSocketHandler). Texts come from data attributes, so that the
// page speaks the user's language.
(function () {
  'use strict';
  var screen = document.getElementById('terminal');
  var status = document.getElementById('terminal-status');
  var reconnect = document.getElementById('terminal-reconnect');
  // WebSocket frames stay well below the server's default message buffer
  var CHUNK = 4096;

  var term = new Terminal({ cursorBlink: true, scrollback: 5000, fontSize: 14 });
  var fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(screen);
  fit.fit();

  var url = new URL(screen.dataset.socket, window.location.href);
  url.protocol = (url.protocol === 'https:') ? 'wss:' : 'ws:';
  url.searchParams.set('cols', term.cols);
  url.searchParams.set('rows', term.rows);
  var socket = new WebSocket(url.toString());
  socket.binaryType = 'arraybuffer';
  var finished = false;
  var encoder = new TextEncoder();

  function show(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function closed(reason, fallback) {
    if (finished) {
      return;
    }
    finished = true;
    var key = 'reason' + reason.replace(/(^|-)([a-z])/g, function (m, dash, c) { return c.toUpperCase(); });
    var text = screen.dataset[key] || fallback || screen.dataset.reasonLost;
    show('closed', screen.dataset.closed.replace('{0}', text));
    term.options.disableStdin = true;
    reconnect.hidden = false;
  }

  function control(message) {
    if (message.type === 'connected') {
      show('connected', screen.dataset.connected);
      term.focus();
    } else if (message.type === 'ended') {
      closed(message.reason, message.message);
    } else if (message.type === 'error') {
      closed(message.code, message.message);
    }
  }

  socket.onmessage = function (event) {
    if (typeof event.data === 'string') {
      control(JSON.parse(event.data));
    } else {
      term.write(new Uint8Array(event.data));
    }
  };
  socket.onclose = function (event) {
    // 1008: the server closes a session's sockets when the console session ends
    closed((event.code === 1008) ? 'logged-out' : (event.reason || 'lost'));
  };

  term.onData(function (data) {
    if (socket.readyState !== WebSocket.OPEN) {
      return;
    }
    var bytes = encoder.encode(data);
    for (var i = 0; i < bytes.length; i += CHUNK) {
      socket.send(bytes.subarray(i, i + CHUNK));
    }
  });
  term.onResize(function (size) {
    if (socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'resize', cols: size.cols, rows: size.rows }));
    }
  });
  window.addEventListener('resize', function () { fit.fit(); });
  window.addEventListener('beforeunload', function () { socket.close(); });
})();
