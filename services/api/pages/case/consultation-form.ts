import { formatDeadline, t } from '../../../../locale';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, textArea } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { termLink } from '../glossary';
import { casePath } from './access';
import { caseSection, fileField } from './action-forms';
import type { CaseView } from './model';
import type { CasePageContext, CasePageState } from './page-context';

/** Partshøring: the facts the municipality would rest its decision on, and the form for the association's comments. */
export function consultationSection(view: CaseView, context: CasePageContext, state: CasePageState): SafeHtml {
  const consultation = view.openConsultation;
  if (!consultation) return html``;
  const { language } = context;
  const errors = state.errors ?? {};
  return caseSection('consultation', t(language, 'case.consultation.heading'), html`
    <p>${t(language, 'case.consultation.intro')}</p>
    ${termLink(language, 'partshoering', context.site.jurisdiction)}
    <p><strong>${t(language, 'case.consultation.answerBy', { date: formatDeadline(language, consultation.answerBy) })}</strong></p>
    <h3 class="h5">${t(language, 'case.consultation.facts')}</h3>
    <ul>${consultation.facts.map(
      (fact) => html`<li>${fact.text}${fact.source ? html`<br><span class="form-hint">${t(language, 'case.consultation.source', { source: t(language, `common.factSource.${fact.source}`) })}</span>` : ''}</li>`,
    )}</ul>
    ${consultation.message ? html`<p class="gf-request-message">${consultation.message}</p>` : ''}
    <form method="post" action="${casePath(view.id)}/bemaerkninger" enctype="multipart/form-data" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${hiddenField('consultationSequence', String(consultation.sequence))}
      ${textArea({ name: 'comments', label: t(language, 'case.consultation.commentsText'), hint: t(language, 'case.consultation.commentsHint'), language, maxLength: 8000, rows: 6, value: state.values?.comments, error: errors.comments })}
      ${fileField({ name: 'comment_files', label: t(language, 'case.files.optional'), language, limits: context.limits, error: errors.comment_files })}
      <button type="submit" class="button button-primary">${t(language, 'case.consultation.submit')}</button>
    </form>`);
}
