// Progressive enhancement of the application form. The server makes every check again; without
// JavaScript the same messages appear when the step is saved.
(function () {
  'use strict';

  function normalizeCvr(value) {
    return value.replace(/^\s*DK/i, '').replace(/[\s-]/g, '');
  }

  function hasValidCheckDigit(digits) {
    var weights = [2, 7, 6, 5, 4, 3, 2, 1];
    var sum = 0;
    for (var i = 0; i < 8; i++) sum += Number(digits[i]) * weights[i];
    return sum % 11 === 0;
  }

  // DKFDS: the message above the field, the group marked, the input described by the message.
  function setFieldError(input, message) {
    var group = input.closest('.form-group');
    var errorId = input.id + '-error';
    var existing = document.getElementById(errorId);
    var describedBy = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== errorId; });
    if (!message) {
      if (existing) existing.remove();
      if (group) group.classList.remove('form-error');
      input.removeAttribute('aria-invalid');
      if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
      return;
    }
    if (!existing) {
      existing = document.createElement('span');
      existing.className = 'form-error-message';
      existing.id = errorId;
      input.parentNode.insertBefore(existing, input);
    }
    existing.textContent = message;
    if (group) group.classList.add('form-error');
    input.setAttribute('aria-invalid', 'true');
    describedBy.push(errorId);
    input.setAttribute('aria-describedby', describedBy.join(' '));
  }

  function fillIfEmpty(name, value) {
    var field = document.querySelector('[name="' + name + '"]');
    if (field && !field.value.trim() && value) field.value = value;
  }

  var cvrInput = document.querySelector('[data-cvr-lookup]');
  if (cvrInput) {
    var status = document.getElementById('cvr-status');
    cvrInput.addEventListener('blur', function () {
      var digits = normalizeCvr(cvrInput.value);
      if (status) status.textContent = '';
      if (!digits) return setFieldError(cvrInput, '');
      if (!/^\d{8}$/.test(digits)) return setFieldError(cvrInput, cvrInput.getAttribute('data-error-format'));
      if (!hasValidCheckDigit(digits)) return setFieldError(cvrInput, cvrInput.getAttribute('data-error-check'));
      setFieldError(cvrInput, '');
      if (!window.fetch) return;
      fetch(cvrInput.getAttribute('data-cvr-lookup') + digits, { headers: { accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (found) {
          if (!found || !found.found) return;
          fillIfEmpty('organization.name', found.name);
          fillIfEmpty('organization.address', found.address);
          if (status) status.textContent = cvrInput.getAttribute('data-found').replace('{name}', found.name);
        })
        .catch(function () { /* the register is a help, not a requirement */ });
    });
  }

  var form = document.querySelector('form[data-excluded]');
  if (form) {
    var excluded = (form.getAttribute('data-excluded') || '').split(' ');
    form.addEventListener('change', function (event) {
      var select = event.target;
      if (!select.matches || !select.matches('select[name$=".category"]')) return;
      var warning = document.getElementById(select.id.replace(/-category$/, '-warning'));
      if (warning) warning.hidden = excluded.indexOf(select.value) < 0;
    });
  }
})();
