// Progressive enhancement only: every page works without JavaScript.
if (window.DKFDS && typeof window.DKFDS.init === 'function') window.DKFDS.init();
