// Progressive enhancement only: every page works without JavaScript.
if (window.DKFDS && typeof window.DKFDS.init === 'function') window.DKFDS.init();

// A textarea's characters left, counted as the text is typed (the page states the count it was
// made with), and told to screen readers once typing pauses rather than at every key.
(function () {
  'use strict';
  var numbers = window.Intl ? new Intl.NumberFormat(document.documentElement.lang || undefined) : null;
  document.querySelectorAll('.gf-limit').forEach(function (group) {
    var input = group.querySelector('textarea[maxlength]');
    var visible = group.querySelector('.character-limit[data-template]');
    var spoken = group.querySelector('.character-limit-sr-only');
    if (!input || !visible) return;
    var pause = null;
    var message = function () {
      var left = Number(input.getAttribute('maxlength')) - input.value.length;
      return visible.getAttribute('data-template').replace('{count}', numbers ? numbers.format(left) : String(left));
    };
    input.addEventListener('input', function () {
      visible.textContent = message();
      if (!spoken) return;
      clearTimeout(pause);
      pause = setTimeout(function () { spoken.textContent = message(); }, 1000);
    });
  });
})();
