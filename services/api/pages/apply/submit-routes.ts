import { Router, type Request, type Response } from 'express';
import { verifyCsrf } from '../../http/csrf';
import { arrivalTime } from '../../http/arrival';
import { ApiError, type FieldIssue } from '../../http/errors';
import { draftForToken } from '../../drafts/access';
import { secondsSinceView, viewStamp } from '../../drafts/active-time';
import { documentsAskedFor, draftDocuments } from '../../drafts/documents';
import { addActiveSeconds, draftData, moveTo } from '../../drafts/store';
import { submitDraft } from '../../drafts/submit';
import { checkSubmission } from '../../drafts/validation';
import { sendPage } from '../layout';
import { pageLanguage } from '../page-language';
import { outlineOf, type ApplyContext } from './context';
import { draftTokenFrom } from './draft-cookie';
import { draftPath, positionUrl } from './draft-paths';
import { receiptPage } from './receipt';
import { summaryPage, uploadedDocumentsSection } from './summary';
import { memberSubmissionKey, recordMemberAction } from '../../organisation/work';
import { sentByMemberPage } from '../organisation/views';
import { preparedView } from './prepared-notice';
import { shareDraftWithAssociation } from '../../drafts/helper';
import { municipalityContact } from '../../admin/round-frame';
import { isLanguage } from '../../../../lib/languages';
import { t, type Language } from '../../../../locale';

/** The summary, sending the application, and the receipt with the private link to the case. */
export function submitRoutes(context: ApplyContext): Router {
  const router = Router();
  const { db, site, secret } = context;
  const intake = { db, sql: context.sql, workflows: context.workflows, publicBaseUrl: context.publicBaseUrl, log: context.log, config: context.config };

  /**
   * The summary with the answers, what is missing and the documents; `refusal` replaces what is
   * missing with the reason a send was refused.
   */
  async function showSummary(req: Request, res: Response, opened: NonNullable<Awaited<ReturnType<ApplyContext['openDraft']>>>, language: Language, refusal?: { issue: FieldIssue; status: number }) {
    const { draft, token } = opened;
    const answers = draftData(draft.data).answers;
    const checked = checkSubmission(draft.roundId, answers, draft.round, language, context.config.JURISDICTION);
    const asked = documentsAskedFor(draft.round, answers);
    const uploaded = asked.length ? await draftDocuments(db, draft.id) : [];
    sendPage(
      res,
      summaryPage(req, site, language, {
        draftId: draft.id,
        round: draft.round,
        answers,
        issues: refusal ? [refusal.issue] : checked.ok ? [] : checked.issues,
        outline: outlineOf(draft, answers, language),
        csrf: context.csrfFor(token),
        shownStamp: viewStamp(secret, draft.id, 'summary'),
        documents: asked.length ? uploadedDocumentsSection(draft.id, asked, uploaded, language) : undefined,
        prepared: preparedView(draft, token),
      }),
      refusal?.status,
    );
  }

  router.get('/kladde/:id/opsummering', async (req, res) => {
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    await moveTo(db, opened.draft, 'summary');
    await showSummary(req, res, opened, pageLanguage(req, res));
  });

  /** The volunteer centre's helper sends the association the draft's private link (only the helper's token may). */
  router.post('/kladde/:id/del', async (req, res) => {
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    verifyCsrf(req, secret, token, context.publicBaseUrl);
    const mail = { db, rateLimits: context.rateLimits, publicBaseUrl: context.publicBaseUrl, municipalityName: context.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(context.config) };
    await shareDraftWithAssociation(mail, draft, token, isLanguage(draft.language) ? draft.language : pageLanguage(req, res));
    res.redirect(303, positionUrl(draft.id, 'summary'));
  });

  router.post('/kladde/:id/send', async (req, res) => {
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    const { draft, token, member } = opened;
    verifyCsrf(req, secret, token, context.publicBaseUrl);
    const language = pageLanguage(req, res);
    await addActiveSeconds(db, draft.id, 'summary', secondsSinceView(secret, draft.id, 'summary', req.body._shown));
    try {
      // A member sends without the draft's own token: the key is the draft's, the same for every member.
      const { receipt } = await submitDraft(intake, draft, member ? memberSubmissionKey(secret, draft.id) : token, language, context.config.JURISDICTION, arrivalTime(res));
      if (member) {
        await recordMemberAction(db, receipt.id, member, 'submitted', 'submitted');
        res.redirect(303, `/sag/${receipt.id}`);
        return;
      }
    } catch (error) {
      // The helper's token never sends: the summary offers to send the association its link instead.
      if (error instanceof ApiError && error.code === 'helper_cannot_submit') {
        await showSummary(req, res, opened, language, { issue: { path: 'declarations', message: t(language, 'errors.helper.cannotSubmit') }, status: 403 });
        return;
      }
      // The summary page names what is missing (and the round's rules); nothing was sent.
      if (error instanceof ApiError && error.status === 400) {
        res.redirect(303, positionUrl(draft.id, 'summary'));
        return;
      }
      throw error;
    }
    res.redirect(303, `${draftPath(draft.id)}/kvittering`);
  });

  router.get('/kladde/:id/kvittering', async (req, res) => {
    const token = draftTokenFrom(req);
    const draft = await draftForToken(db, req.params.id, token);
    if (!draft.submittedAt) {
      res.redirect(303, positionUrl(draft.id, draft.currentStep));
      return;
    }
    const language = pageLanguage(req, res);
    // Sending the same draft again returns the first receipt: the same reference and private link.
    const { receipt } = await submitDraft(intake, draft, token!, language, context.config.JURISDICTION).catch((error: unknown) => {
      // A member of the association sent the draft from the organisation's pages: its own link has no receipt.
      if (error instanceof ApiError && error.code === 'draft_submitted') return { receipt: undefined };
      throw error;
    });
    if (!receipt) {
      sendPage(res, sentByMemberPage(req, site, language));
      return;
    }
    const caseUrl = new URL(`/sag/${receipt.id}`, context.publicBaseUrl);
    caseUrl.searchParams.set('adgang', receipt.accessToken);
    const contact = draftData(draft.data).answers.contact as { email?: string } | undefined;
    res.set('Referrer-Policy', 'no-referrer');
    sendPage(res, receiptPage(req, site, language, { round: draft.round, reference: receipt.reference, contactEmail: contact?.email ?? '', caseUrl: caseUrl.toString() }));
  });

  return router;
}
