import type { Request } from 'express';
import { formatDate, formatDateTime, statusLabel, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { jurisdictionRules } from '../../../../domain/jurisdiction';
import { SIGN_IN_LINK_MINUTES } from '../../../../domain/organisation-access';
import { formatCaseReference } from '../../../../domain/reference';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, textField, type ErrorLink, type FieldErrors } from '../forms';
import { renderPage, type SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { HANDOVER_PATH, INVITE_PATH, MEMBERS_PATH, ORGANISATION_PATH, PROFILE_PATH, PROVIDER_SIGN_IN_PATH, REMOVE_PATH, SIGN_IN_LINK_PATH, SIGN_IN_PATH, SIGN_OUT_PATH } from '../../organisation/paths';
import { profileHistoryText } from './profile-history';
import { memberNavigation, type MemberArea } from './member-navigation';
import type { SignedInMember } from '../../organisation/session';
import type { organisationWork } from '../../organisation/work';
import { ARCHIVE_PATH } from '../../organisation/archive-paths';
import { archiveHistoryText } from './archive-history';

type Work = Awaited<ReturnType<typeof organisationWork>>;
interface MemberRow {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
}
interface HistoryRow {
  type: string;
  actor: string;
  subject: string;
  occurredAt: Date;
}

function alertSuccess(text: string | undefined): SafeHtml {
  return text ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${text}</p></div></div>` : html``;
}

function roleName(language: Language, role: string): string {
  return t(language, role === 'admin' ? 'organisation.members.admin' : 'organisation.members.member');
}

/** The pages of a signed-in member: the overview, the members and the profile, and signing out. */
export function memberPage(req: Request, site: SiteSettings, language: Language, signedIn: SignedInMember, page: { current: MemberArea; title: string; csrf: string; main: SafeHtml; errors?: ErrorLink[] }): string {
  const { current, title, csrf, main } = page;
  return renderPageWithErrors(req, site, {
    title,
    language,
    errors: page.errors ?? [],
    navigation: memberNavigation(language, current),
    main: html`<h1>${title}</h1>
      <p>${t(language, 'organisation.overview.signedInAs', { email: signedIn.member.email, role: roleName(language, signedIn.member.role) })}
        ${current === 'overview' ? html`<a href="${MEMBERS_PATH}">${t(language, 'organisation.nav.seeMembers')}</a>` : html`<a href="${ORGANISATION_PATH}">${t(language, 'organisation.nav.seeOverview')}</a>`}</p>
      ${main}
      <form method="post" action="${SIGN_OUT_PATH}" class="mt-7">
        ${hiddenField(CSRF_FIELD, csrf)}
        <button type="submit" class="button button-secondary">${t(language, 'organisation.nav.signOut')}</button>
      </form>`,
  });
}

export interface SignInForm {
  organisationNumber: string;
  email: string;
  errors: FieldErrors;
  csrf: string;
  notice?: string;
  /** The organisations' OpenID provider's name, when members may sign in there (MitID Erhverv). */
  provider?: string;
}

export function signInPage(req: Request, site: SiteSettings, language: Language, form: SignInForm): string {
  const rules = jurisdictionRules(site.jurisdiction);
  const title = t(language, 'organisation.signIn.title');
  return renderPageWithErrors(req, site, {
    title,
    language,
    errors: form.errors,
    main: html`<h1>${title}</h1>
      ${alertSuccess(form.notice)}
      <p>${t(language, 'organisation.signIn.intro')}</p>
      ${form.provider
        ? html`<p>${t(language, 'organisation.signIn.providerIntro', { provider: form.provider })}</p>
          <p><a class="button button-primary" href="${PROVIDER_SIGN_IN_PATH}">${t(language, 'organisation.signIn.providerButton', { provider: form.provider })}</a></p>
          <h2 class="h3">${t(language, 'organisation.signIn.emailHeading')}</h2>`
        : ''}
      <p>${t(language, 'organisation.signIn.emailIntro')}</p>
      <form method="post" action="${SIGN_IN_PATH}" novalidate>
        ${hiddenField(CSRF_FIELD, form.csrf)}
        ${textField({ name: 'organisationNumber', label: t(language, rules.texts.label), language, value: form.organisationNumber, error: form.errors.organisationNumber, required: true, inputMode: 'numeric', width: 's', maxLength: 20, autocomplete: 'off' })}
        ${textField({ name: 'email', label: t(language, 'organisation.signIn.email'), hint: t(language, 'organisation.signIn.emailHint', { minutes: SIGN_IN_LINK_MINUTES }), language, type: 'email', value: form.email, error: form.errors.email, required: true, autocomplete: 'email', width: 'l', maxLength: 254 })}
        <button type="submit" class="button ${form.provider ? 'button-secondary' : 'button-primary'}">${t(language, 'organisation.signIn.button')}</button>
      </form>
      <h2 class="h3">${t(language, 'organisation.signIn.whoHeading')}</h2>
      <p>${t(language, 'organisation.signIn.who')}</p>
      ${form.provider ? html`<p>${t(language, 'organisation.signIn.whoProvider', { provider: form.provider })}</p>` : ''}
      <p>${t(language, 'organisation.signIn.privateLinks')}</p>`,
  });
}

function simplePage(req: Request, site: SiteSettings, language: Language, title: string, body: SafeHtml): string {
  return renderPage(req, site, { title, language, main: html`<h1>${title}</h1>${body}` });
}

/** A sign-in through the provider that did not open a session: why, and the way back to the sign-in page. */
export function providerRefusalPage(req: Request, site: SiteSettings, language: Language, refusal: { title: string; body: string; warning: boolean }): string {
  const kind = refusal.warning ? 'warning' : 'error';
  return simplePage(req, site, language, refusal.title, html`<div class="alert alert-${kind}" role="alert"><div class="alert-body"><p class="alert-text">${refusal.body}</p></div></div>
    <p><a href="${SIGN_IN_PATH}">${t(language, 'organisation.provider.back')}</a></p>`);
}

/** After the form: the same answer whether or not a link was sent. */
export function signInSentPage(req: Request, site: SiteSettings, language: Language): string {
  return simplePage(req, site, language, t(language, 'organisation.sent.title'), html`<p>${t(language, 'organisation.sent.body', { minutes: SIGN_IN_LINK_MINUTES })}</p>`);
}

/** The link opens this page and its button signs in: a mail scanner that opens links signs no one in. */
export function signInLinkPage(req: Request, site: SiteSettings, language: Language, token: string): string {
  return simplePage(
    req,
    site,
    language,
    t(language, 'organisation.link.title'),
    html`<p>${t(language, 'organisation.link.body')}</p>
      <form method="post" action="${SIGN_IN_LINK_PATH}">
        ${hiddenField('adgang', token)}
        <button type="submit" class="button button-primary">${t(language, 'organisation.link.button')}</button>
      </form>`,
  );
}

export function signInLinkInvalidPage(req: Request, site: SiteSettings, language: Language): string {
  return simplePage(req, site, language, t(language, 'organisation.linkInvalid.title'), html`<p>${t(language, 'organisation.linkInvalid.body')}</p><p><a href="${SIGN_IN_PATH}">${t(language, 'organisation.linkInvalid.again')}</a></p>`);
}

/** The receipt page of a draft's own link when a member sent the draft from the organisation's pages. */
export function sentByMemberPage(req: Request, site: SiteSettings, language: Language): string {
  return simplePage(req, site, language, t(language, 'organisation.sentByMember.title'), html`<p>${t(language, 'organisation.sentByMember.body')}</p><p><a href="${SIGN_IN_PATH}">${t(language, 'organisation.sentByMember.signIn')}</a></p>`);
}

export function overviewPage(req: Request, site: SiteSettings, language: Language, signedIn: SignedInMember, work: Work, csrf: string, notice?: string, startRounds: SafeHtml | string = ''): string {
  const main = html`<div>
    ${alertSuccess(notice)}
    <p>${t(language, 'organisation.overview.intro')}</p>
    <p><a href="${PROFILE_PATH}">${t(language, 'profile.overviewLink')}</a></p>
    ${startRounds}
    <h2 class="h3">${t(language, 'organisation.overview.draftsHeading')}</h2>
    ${work.drafts.length
      ? html`<ul class="nobullet-list">${work.drafts.map((draft) => {
          const title = draft.title || t(language, 'organisation.overview.untitled');
          return html`<li class="mb-4"><a href="/kladde/${draft.id}">${t(language, 'organisation.overview.openDraft', { title })}</a><br>
            <span class="gf-muted">${draft.roundName} · ${t(language, 'organisation.overview.changed')} ${formatDateTime(language, draft.updatedAt)}</span></li>`;
        })}</ul>`
      : html`<p>${t(language, 'organisation.overview.noDrafts')}</p>`}
    <p><a href="/">${t(language, 'organisation.overview.newApplication')}</a></p>
    <p><a href="${ARCHIVE_PATH}">${t(language, 'archive.overviewLink')}</a></p>
    <h2 class="h3">${t(language, 'organisation.overview.casesHeading')}</h2>
    ${work.applications.length
      ? html`<ul class="nobullet-list">${work.applications.map(
          (application) => html`<li class="mb-4"><a href="/sag/${application.id}">${t(language, 'organisation.overview.openCase', { reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt) })}</a>: ${application.projectTitle}<br>
            <span class="gf-muted">${application.round.name} · ${statusLabel(language, application.status)}${application.submittedAt ? html` · ${t(language, 'organisation.overview.submitted')} ${formatDate(language, application.submittedAt)}` : ''}</span></li>`,
        )}</ul>`
      : html`<p>${t(language, 'organisation.overview.noCases')}</p>`}
  </div>`;
  return memberPage(req, site, language, signedIn, { current: 'overview', title: signedIn.organisation.name, csrf, main });
}

export interface MembersState {
  notice?: string;
  errors: FieldErrors;
  inviteEmail: string;
}

function memberActions(language: Language, member: MemberRow, csrf: string): SafeHtml {
  // Each button names its member for screen reader users, who hear buttons out of context.
  const named = (key: 'organisation.members.handover' | 'organisation.members.remove') => html`${t(language, key)}<span class="sr-only">: ${member.email}</span>`;
  return html`<div class="gf-catalogue-actions">
    <form method="post" action="${HANDOVER_PATH}" class="gf-inline-form">
      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('memberId', member.id)}
      <button type="submit" class="button button-secondary">${named('organisation.members.handover')}</button>
    </form>
    <form method="post" action="${REMOVE_PATH}" class="gf-inline-form">
      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('memberId', member.id)}
      <button type="submit" class="button button-secondary">${named('organisation.members.remove')}</button>
    </form></div>`;
}

export function membersPage(req: Request, site: SiteSettings, language: Language, signedIn: SignedInMember, members: MemberRow[], history: HistoryRow[], csrf: string, state: MembersState): string {
  const isAdmin = signedIn.member.role === 'admin';
  const { memberId: memberError, ...fieldErrors } = state.errors;
  const errors: ErrorLink[] = [
    ...(memberError ? [{ href: '#medlemmer', message: memberError }] : []),
    ...Object.entries(fieldErrors).map(([name, message]) => ({ href: `#f-${name === 'email' ? 'inviteEmail' : name}`, message })),
  ];
  const main = html`<div>
    ${alertSuccess(state.notice)}
    <p>${t(language, 'organisation.members.intro')}</p>
    <h2 class="h3" id="medlemmer" tabindex="-1">${t(language, 'organisation.members.tableCaption')}</h2>
    <ul class="nobullet-list">${members.map(
      (member) => html`<li class="mb-5">
        <p class="gf-break mb-0"><strong>${member.email}</strong>${member.id === signedIn.member.id ? html` (${t(language, 'organisation.members.you')})` : ''}</p>
        <p class="gf-muted mt-0 mb-2">${roleName(language, member.role)} · ${t(language, 'organisation.members.since')} ${formatDate(language, member.createdAt)}</p>
        ${isAdmin && member.role !== 'admin' ? memberActions(language, member, csrf) : ''}
      </li>`,
    )}</ul>
    ${isAdmin
      ? html`<h2 class="h3">${t(language, 'organisation.members.inviteHeading')}</h2>
        <form method="post" action="${INVITE_PATH}" novalidate>
          ${hiddenField(CSRF_FIELD, csrf)}
          ${textField({ name: 'inviteEmail', label: t(language, 'organisation.members.inviteEmail'), hint: t(language, 'organisation.members.inviteHint'), language, type: 'email', value: state.inviteEmail, error: fieldErrors.email, required: true, autocomplete: 'off', width: 'l', maxLength: 254 })}
          <button type="submit" class="button button-primary">${t(language, 'organisation.members.inviteButton')}</button>
        </form>`
      : html`<p>${t(language, 'organisation.members.onlyAdmin')}</p>`}
    ${history.length
      ? html`<h2 class="h3">${t(language, 'organisation.members.historyHeading')}</h2>
        <ul class="nobullet-list">${history.map(
          (entry) => html`<li><time datetime="${entry.occurredAt.toISOString()}">${formatDateTime(language, entry.occurredAt)}</time>: ${historyText(language, entry)}</li>`,
        )}</ul>`
      : ''}
  </div>`;
  return memberPage(req, site, language, signedIn, { current: 'members', title: t(language, 'organisation.members.title'), csrf, main, errors });
}

function historyText(language: Language, entry: HistoryRow): string {
  const values = { actor: entry.actor, subject: entry.subject };
  switch (entry.type) {
    case 'document_uploaded':
    case 'document_replaced':
      return archiveHistoryText(language, entry);
    case 'first_member':
      return t(language, 'organisation.members.history.first_member', values);
    case 'member_invited':
      return t(language, 'organisation.members.history.member_invited', values);
    case 'member_removed':
      return t(language, 'organisation.members.history.member_removed', values);
    case 'profile_changed':
    case 'profile_refreshed_from_register':
    case 'draft_prefilled':
      return profileHistoryText(language, entry);
    default:
      return t(language, 'organisation.members.history.administrator_handed_over', values);
  }
}
