// Progressive enhancement of the application form. The server makes every check again; without
// JavaScript the same messages appear when the step is saved.
(function () {
  'use strict';

  // The same rules as lib/cvr.ts and lib/organization-number.ts: a Danish CVR number (8 digits)
  // or a Norwegian organisasjonsnummer (9 digits), each with a modulus-11 check digit.
  var NUMBER_RULES = {
    DK: {
      normalize: function (value) { return value.replace(/^\s*DK/i, '').replace(/[\s-]/g, ''); },
      digits: 8,
      hasValidCheckDigit: function (digits) {
        var weights = [2, 7, 6, 5, 4, 3, 2, 1];
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += Number(digits[i]) * weights[i];
        return sum % 11 === 0;
      },
    },
    NO: {
      normalize: function (value) { return value.replace(/^\s*NO/i, '').replace(/MVA\s*$/i, '').replace(/[\s.-]/g, ''); },
      digits: 9,
      hasValidCheckDigit: function (digits) {
        var weights = [3, 2, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += Number(digits[i]) * weights[i];
        var check = 11 - (sum % 11);
        if (check === 11) check = 0;
        return check !== 10 && check === Number(digits[8]);
      },
    },
  };

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
    var rule = NUMBER_RULES[cvrInput.getAttribute('data-number-rule')] || NUMBER_RULES.DK;
    cvrInput.addEventListener('blur', function () {
      var digits = rule.normalize(cvrInput.value);
      if (status) status.textContent = '';
      if (!digits) return setFieldError(cvrInput, '');
      if (!new RegExp('^\\d{' + rule.digits + '}$').test(digits)) return setFieldError(cvrInput, cvrInput.getAttribute('data-error-format'));
      if (!rule.hasValidCheckDigit(digits)) return setFieldError(cvrInput, cvrInput.getAttribute('data-error-check'));
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
      // A category the server already named in an error message is not warned about twice.
      if (warning) warning.hidden = excluded.indexOf(select.value) < 0 || select.getAttribute('aria-invalid') === 'true';
    });
  }

  // The budget: the total as amounts are typed, and a line removed without a round trip. Without
  // JavaScript the server adds up after each post, and each line's button posts the form without it.
  var total = document.getElementById('budget-total');
  if (form && total && window.Intl) {
    var money = new Intl.NumberFormat(form.getAttribute('data-locale'), { style: 'currency', currency: form.getAttribute('data-currency'), minimumFractionDigits: 0, maximumFractionDigits: 2 });
    var isAmount = function (input) { return input.matches && input.matches('input[name^="budget.lines."][name$=".amount"]'); };

    // Whole kroner as the server reads them: "12000", "12 000", "12.000", "12.000 kr.".
    var kroner = function (typed) {
      var compact = typed.replace(/\s+/g, '').replace(/kr\.?$/i, '');
      if (/^\d+$/.test(compact)) return Number(compact);
      if (/^\d{1,3}(\.\d{3})+$/.test(compact)) return Number(compact.replace(/\./g, ''));
      return 0;
    };

    var updateTotal = function () {
      var sum = 0;
      form.querySelectorAll('input[name^="budget.lines."][name$=".amount"]').forEach(function (input) { sum += kroner(input.value); });
      total.textContent = money.format(sum).replace(/\u00a0/g, ' ');
    };

    var renumber = function () {
      form.querySelectorAll('.gf-budget-row').forEach(function (row, index) {
        var legend = row.querySelector('legend');
        var button = row.querySelector('.gf-remove-line');
        if (legend) legend.textContent = form.getAttribute('data-line-label').replace('{n}', String(index + 1));
        if (button) button.textContent = form.getAttribute('data-remove-label').replace('{n}', String(index + 1));
      });
    };

    form.addEventListener('input', function (event) {
      if (isAmount(event.target)) updateTotal();
    });

    form.addEventListener('click', function (event) {
      var button = event.target.closest && event.target.closest('.gf-remove-line');
      if (!button) return;
      event.preventDefault();
      var row = button.closest('.gf-budget-row');
      var rows = Array.prototype.slice.call(form.querySelectorAll('.gf-budget-row'));
      var position = rows.indexOf(row);
      var focusNext = rows[position + 1] || rows[position - 1];
      // The error summary's links into the removed line lead nowhere now (and the summary, if they were all).
      var prefix = '#' + button.closest('.gf-budget-row').querySelector('select').id.replace(/-category$/, '-');
      document.querySelectorAll('#error-summary a[href^="' + prefix + '"]').forEach(function (link) { link.closest('li').remove(); });
      var summary = document.getElementById('error-summary');
      if (summary && !summary.querySelector('li')) summary.remove();
      row.remove();
      renumber();
      updateTotal();
      var announce = document.getElementById('budget-announce');
      if (announce) announce.textContent = form.getAttribute('data-removed').replace('{n}', String(position + 1));
      var target = focusNext ? focusNext.querySelector('select') : form.querySelector('button[value="more-lines"]');
      if (target) target.focus();
    });
  }
})();
