import { CSRF_FIELD } from '../../http/csrf';
import { excerpt } from '../../stats/stories';
import { PUBLISHED_ACTIVITY_MAX_LENGTH, PUBLISHED_STORY_MAX_LENGTH, storyOf } from '../../casework/story-review';
import { hiddenField, textArea, textField } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { Allows, CasePageState, LoadedCase } from './case-data';
import { errorsFor, valuesFor } from './case-forms';
import { formatDateTime, t, type Language } from '../../../../locale';
import { textOf } from './format';
import type { StaffNameOf } from './people';

/** The story form's fields, named apart from the other forms' on the case page. */
export const STORY_FIELD_FOR_PATH: Record<string, string> = { text: 'storyText', activity: 'storyActivity' };

/** A consent as staff read it: yes, no, or not asked in the current wording. */
export function consentAnswer(consent: boolean | null, language: Language): string {
  return consent === null ? t(language, 'casework.storyReview.consentNotAsked') : consent ? t(language, 'casework.yes') : t(language, 'casework.no');
}

/**
 * The newest report's story and whether it may reach politicians: the association's answer to
 * the consent in the words it ticked, the caseworker's review, and (with consent) the form to
 * approve an anonymised wording or decline.
 */
export function storySection(application: LoadedCase, who: StaffNameOf, state: CasePageState, csrf: string, allows: Allows, language: Language): SafeHtml {
  const report = [...application.reports].reverse().find((r) => r.submittedAt && storyOf(r.content));
  if (!report) return html``;
  const story = storyOf(report.content)!;
  const values = valuesFor(state, 'story');
  const errors = errorsFor(state, 'story');
  const review =
    report.storyReview && report.storyReviewedAt
      ? t(language, `casework.storyReview.status.${report.storyReview === 'approved' ? 'approved' : 'declined'}`, { by: who(report.storyReviewedBy ?? ''), at: formatDateTime(language, report.storyReviewedAt) })
      : t(language, 'casework.storyReview.status.none');
  return html`<section aria-labelledby="story-heading">
    <h2 id="story-heading">${t(language, 'casework.storyReview.heading')}</h2>
    <dl class="gf-summary-list">
      <dt>${t(language, 'casework.storyReview.original', { sequence: report.sequence })}</dt><dd class="gf-pre">${story}</dd>
      <dt>${t(language, 'common.consent.storyAnonymous')}</dt><dd><strong>${consentAnswer(report.storyConsent, language)}</strong></dd>
      <dt>${t(language, 'casework.storyReview.statusLabel')}</dt><dd>${review}</dd>
      ${report.storyReview === 'approved'
        ? html`<dt>${t(language, 'casework.storyReview.publishedActivity')}</dt><dd>${report.publishedActivity ?? ''}</dd>
          <dt>${t(language, 'casework.storyReview.publishedText')}</dt><dd class="gf-pre">${report.publishedStory ?? ''}</dd>`
        : ''}
    </dl>
    ${report.storyConsent === true && !allows('story.review')
      ? ''
      : report.storyConsent === true
      ? html`<form method="post" action="/personale/sager/${application.id}/historie" novalidate class="gf-action">
          ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('sequence', String(report.sequence))}
          <h3 class="h4">${t(language, 'casework.storyReview.formHeading')}</h3>
          <p>${t(language, 'casework.storyReview.formIntro')}</p>
          ${textField({ name: 'storyActivity', label: t(language, 'casework.storyReview.activity'), hint: t(language, 'casework.storyReview.activityHint'), language, maxLength: PUBLISHED_ACTIVITY_MAX_LENGTH, value: textOf(values.storyActivity) || report.publishedActivity || application.projectTitle, error: errors.storyActivity })}
          ${textArea({ name: 'storyText', label: t(language, 'casework.storyReview.text'), hint: t(language, 'casework.storyReview.textHint'), language, maxLength: PUBLISHED_STORY_MAX_LENGTH, rows: 6, value: textOf(values.storyText) || report.publishedStory || excerpt(story, PUBLISHED_STORY_MAX_LENGTH - 2), error: errors.storyText })}
          <div class="gf-buttons">
            <button type="submit" name="decision" value="approve" class="button button-primary">${t(language, 'casework.storyReview.approve')}</button>
            <button type="submit" name="decision" value="decline" class="button button-secondary">${t(language, 'casework.storyReview.decline')}</button>
          </div>
        </form>`
      : html`<p>${t(language, 'casework.storyReview.noConsent')}</p>`}
  </section>`;
}
