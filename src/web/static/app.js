// Small progressive enhancements for every page. No inline scripts anywhere (CSP): this file only.
/* global document, window, HTMLFormElement */
'use strict';

document.addEventListener('submit', (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
