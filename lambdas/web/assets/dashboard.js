// newswatch dashboard: small enhancements over pages that work without script.
// - inputs with data-suggest="actors" fill their <datalist> from GET /api/actors?q= as you type
//   (data-suggest-list: the input holds a comma-separated list; the suggestion completes the last item;
//   data-suggest-ids: suggest ids rather than names)
// - the stories' and story's colour swatches are SVG, no script needed.
'use strict';
(function () {
  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function suggest(input) {
    var list = input.list;
    if (!list) return;
    var asList = input.hasAttribute('data-suggest-list');
    var asIds = input.hasAttribute('data-suggest-ids');
    var last = '';
    var refresh = debounce(function () {
      var value = input.value;
      var parts = asList ? value.split(',') : [value];
      var typed = parts[parts.length - 1].trim();
      if (typed === last) return;
      last = typed;
      fetch('/api/actors?q=' + encodeURIComponent(typed), { headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : { actors: [] }; })
        .then(function (body) {
          var prefix = asList && parts.length > 1 ? parts.slice(0, -1).map(function (p) { return p.trim(); }).join(', ') + ', ' : '';
          list.replaceChildren.apply(list, body.actors.map(function (actor) {
            var option = document.createElement('option');
            option.value = prefix + (asIds ? actor.id : actor.name);
            option.label = actor.name + ' (' + actor.id + ')';
            return option;
          }));
        })
        .catch(function () { /* suggestions are a convenience: typing still works */ });
    }, 150);
    input.addEventListener('input', refresh);
    input.addEventListener('focus', refresh);
  }

  document.querySelectorAll('input[data-suggest="actors"]').forEach(suggest);
})();
