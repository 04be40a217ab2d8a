import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { findPersonalData, type PersonalDataFinding } from '../../../domain/story-privacy';
import { t, type Language } from '../../../locale';
import { ApiError, type FieldIssue } from '../http/errors';

/** The longest story published: it is shown whole, as approved, on the dashboard and in the brief. */
export const PUBLISHED_STORY_MAX_LENGTH = 400;
export const PUBLISHED_ACTIVITY_MAX_LENGTH = 120;

export type StoryReviewInput = { decision: 'approve'; text: string; activity: string } | { decision: 'decline' };

/** The newest report that holds a story: the one a caseworker reviews for publication. */
export async function reportWithStory(db: Database, applicationId: string) {
  const reports = await db.followUpReport.findMany({ where: { applicationId, submittedAt: { not: null } }, orderBy: { sequence: 'desc' } });
  return reports.find((report) => storyOf(report.content)) ?? null;
}

export function storyOf(content: unknown): string | null {
  const story = (content as { story?: unknown } | null)?.story;
  return typeof story === 'string' && story.trim() ? story.trim() : null;
}

function personalDataMessage(findings: PersonalDataFinding[], language: Language): string {
  const items = findings.map((finding) => t(language, `casework.storyReview.found.${finding.kind}`, { match: finding.match })).join('; ');
  return t(language, 'casework.storyReview.personalData', { items });
}

/** The field errors of an approval, in the caseworker's language; none when it may be published. */
export function approvalIssues(input: { text: string; activity: string }, who: { associationName: string; cvr: string; contactName: string }, language: Language): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (path: 'text' | 'activity', value: string, max: number) => {
    if (!value) return issues.push({ path, message: t(language, `casework.storyReview.${path}Required`) });
    if (value.length > max) return issues.push({ path, message: t(language, 'casework.storyReview.tooLong', { max, length: value.length }) });
    const findings = findPersonalData(value, who);
    if (findings.length) issues.push({ path, message: personalDataMessage(findings, language) });
  };
  check('text', input.text, PUBLISHED_STORY_MAX_LENGTH);
  check('activity', input.activity, PUBLISHED_ACTIVITY_MAX_LENGTH);
  return issues;
}

/**
 * A caseworker approves a report's story for publication, in an anonymised wording, or declines
 * it. Approval needs the association's consent given with that report and a text without
 * personal data; either way the review is a case event. The same review sent twice is recorded
 * once; a review that changes the earlier one is recorded as a new event.
 */
export async function reviewStory(db: Database, staff: StaffIdentity, applicationId: string, sequence: number, input: StoryReviewInput, language: Language): Promise<void> {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: { status: true, organizationName: true, organizationCvr: true, contactName: true, reports: { where: { sequence } } },
  });
  const report = application?.reports[0];
  if (!application || !report?.submittedAt || !storyOf(report.content)) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  if (input.decision === 'approve') {
    if (report.storyConsent !== true) throw new ApiError(409, 'story_not_consented', 'errors.story.notConsented');
    const issues = approvalIssues(input, { associationName: application.organizationName, cvr: application.organizationCvr, contactName: application.contactName }, language);
    if (issues.length) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', issues);
  }
  const review = input.decision === 'approve' ? 'approved' : 'declined';
  const published = input.decision === 'approve' ? { publishedStory: input.text, publishedActivity: input.activity } : { publishedStory: null, publishedActivity: null };
  if (report.storyReview === review && report.publishedStory === published.publishedStory && report.publishedActivity === published.publishedActivity) return;

  const at = new Date();
  await db.$transaction(async (tx) => {
    await tx.followUpReport.update({ where: { id: report.id }, data: { storyReview: review, ...published, storyReviewedBy: staff.email, storyReviewedAt: at } });
    const earlier = await tx.caseEvent.count({ where: { applicationId, type: { in: ['story_approved', 'story_declined'] } } });
    await tx.caseEvent.create({
      data: {
        eventKey: `story-review:${applicationId}:${earlier + 1}`,
        applicationId,
        type: review === 'approved' ? 'story_approved' : 'story_declined',
        fromStatus: application.status,
        toStatus: application.status,
        actor: staff.email,
        occurredAt: at,
        details: { sequence, ...(input.decision === 'approve' ? { length: input.text.length } : {}) },
      },
    });
  });
}
