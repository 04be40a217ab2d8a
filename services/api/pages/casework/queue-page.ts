import type { Request, Response } from 'express';
import type { Database } from '../../../../lib/db';
import { TARGET_GROUPS } from '../../../../domain/categories';
import { may, staffOf } from '../../http/staff';
import { rolesGranted } from '../../../../domain/staff-policy';
import { conflictedCaseIds } from '../../casework/conflicts';
import { ApiError } from '../../http/errors';
import { loadQueue, queueFilterSchema, QUEUE_PAGE_SIZES, WAITING_FOR_STAFF, type QueueFilter, type QueueItem, type QueuePage } from '../../casework/queue';
import { SLA_STATES } from '../../casework/sla';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, selectField } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { formatKroner, statusLabel, t, type Language } from '../../../../locale';
import { doneNotice } from './format';
import { alert } from '../staff/alert';
import { nameOf } from '../../stats/labels';
import { staffNames, type StaffNameOf } from './people';

/** The SLA badge: days waiting against the round's target, coloured by how close it is. */
export function slaBadge(item: Pick<QueueItem, 'sla' | 'daysWaiting'>, language: Language): SafeHtml {
  if (!item.sla) return html`${t(language, 'casework.days', { days: item.daysWaiting })}`;
  const kind = item.sla.state === 'breached' ? 'error' : item.sla.state === 'due_soon' ? 'warning' : 'success';
  return html`<span class="badge badge-${kind} gf-sla">${t(language, 'casework.daysOfTarget', { days: item.daysWaiting, target: item.sla.targetDays })}<span class="sr-only">: ${t(language, `casework.sla.${item.sla.state}`)}</span></span>`;
}

/** The queue's address with these filters (paging links and the counts' status links). */
function queueUrl(filter: QueueFilter, changes: Partial<Record<keyof QueueFilter, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  const merged = { ...filter, ...changes } as Record<string, unknown>;
  for (const key of ['status', 'roundId', 'assignee', 'targetGroup', 'sla', 'flagged', 'sort', 'pageSize', 'page'] as const) {
    const value = merged[key];
    if (value === undefined || value === '' || (key === 'sort' && value === 'oldest') || (key === 'pageSize' && value === 50) || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return `/personale/sager${query ? `?${query}` : ''}`;
}

function filterForm(filter: QueueFilter, options: { rounds: { id: string; name: string }[]; staff: { email: string; name: string }[] }, language: Language): SafeHtml {
  return html`<form method="get" action="/personale/sager" class="gf-filters" aria-labelledby="filters-heading">
    <h2 class="h3" id="filters-heading">${t(language, 'casework.filters')}</h2>
    <div class="gf-filter-grid">
      ${selectField({ name: 'status', label: t(language, 'casework.status'), language, emptyLabel: t(language, 'casework.any'), value: filter.status, options: WAITING_FOR_STAFF.map((s) => ({ value: s, label: statusLabel(language, s) })) })}
      ${selectField({ name: 'roundId', label: t(language, 'casework.round'), language, emptyLabel: t(language, 'casework.any'), value: filter.roundId, options: options.rounds.map((r) => ({ value: r.id, label: r.name })) })}
      ${selectField({
        name: 'assignee',
        label: t(language, 'casework.assignee'),
        language,
        emptyLabel: t(language, 'casework.any'),
        value: filter.assignee,
        options: [{ value: 'me', label: t(language, 'casework.mine') }, { value: 'none', label: t(language, 'casework.unassigned') }, ...options.staff.map((s) => ({ value: s.email, label: s.name }))],
      })}
      ${selectField({ name: 'targetGroup', label: t(language, 'casework.targetGroup'), language, emptyLabel: t(language, 'casework.any'), value: filter.targetGroup, options: TARGET_GROUPS.map((g) => ({ value: g, label: nameOf(language, `common.targetGroup.${g}`, g) })) })}
      ${selectField({ name: 'sla', label: t(language, 'casework.decisionTarget'), language, emptyLabel: t(language, 'casework.any'), value: filter.sla, options: SLA_STATES.map((s) => ({ value: s, label: t(language, `casework.sla.${s}`) })) })}
      ${selectField({
        name: 'flagged',
        label: t(language, 'casework.flagged'),
        language,
        emptyLabel: t(language, 'casework.any'),
        value: filter.flagged === undefined ? undefined : String(filter.flagged),
        options: [{ value: 'true', label: t(language, 'casework.flaggedOnly') }, { value: 'false', label: t(language, 'casework.flaggedNone') }],
      })}
      ${selectField({
        name: 'sort',
        label: t(language, 'casework.sort'),
        language,
        value: filter.sort,
        options: [{ value: 'oldest', label: t(language, 'casework.sortOldest') }, { value: 'newest', label: t(language, 'casework.sortNewest') }, { value: 'amount', label: t(language, 'casework.sortAmount') }],
      })}
      ${selectField({ name: 'pageSize', label: t(language, 'casework.pageSize'), language, value: String(filter.pageSize), options: QUEUE_PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) })) })}
    </div>
    <button type="submit" class="button button-secondary">${t(language, 'casework.applyFilters')}</button>
    <a class="gf-clear-filters" href="/personale/sager">${t(language, 'casework.clearFilters')}</a>
  </form>`;
}

function countsList(queue: QueuePage, filter: QueueFilter, language: Language): SafeHtml {
  return html`<h2 class="h3">${t(language, 'casework.countsHeading')}</h2>
    <ul class="nobullet-list gf-counts">
      ${WAITING_FOR_STAFF.map((status) => {
        const count = queue.counts[status] ?? 0;
        const label = html`${statusLabel(language, status)}: <strong>${count}</strong>`;
        return html`<li>${filter.status === status ? html`<span aria-current="true">${label}</span>` : html`<a href="${queueUrl(filter, { status, page: 1 })}">${label}</a>`}</li>`;
      })}
    </ul>`;
}

function casesTable(queue: QueuePage, who: StaffNameOf, csrf: string, canClaim: boolean, conflicted: Set<string>, language: Language): SafeHtml {
  if (!queue.items.length) return html`<p>${t(language, 'casework.noCases')}</p>`;
  return html`<div class="table--responsive-scroll">
    <table class="table table--compact gf-queue-table">
      <caption class="sr-only">${t(language, 'casework.tableCaption')}</caption>
      <thead><tr>
        <th scope="col">${t(language, 'casework.reference')}</th>
        <th scope="col">${t(language, 'casework.association')} / ${t(language, 'casework.activity')}</th>
        <th scope="col">${t(language, 'casework.status')}</th>
        <th scope="col">${t(language, 'casework.assignee')}</th>
        <th scope="col" class="gf-number">${t(language, 'casework.requested')}</th>
        <th scope="col">${t(language, 'casework.waiting')}</th>
        <th scope="col">${t(language, 'casework.action')}</th>
      </tr></thead>
      <tbody>
        ${queue.items.map(
          (item) => html`<tr>
            <td class="gf-nowrap"><a href="/personale/sager/${item.id}">${item.reference}</a></td>
            <td>${item.organization}<br><span class="gf-muted">${item.title} · ${nameOf(language, `common.targetGroup.${item.targetGroup}`, item.targetGroup)} · ${item.round.name}</span>
              ${item.flagged ? html`<br><span class="badge badge-warning">${t(language, 'casework.flaggedBadge')}</span>` : ''}</td>
            <td>${statusLabel(language, item.status)}</td>
            <td>${item.assignee ? who(item.assignee) : t(language, 'casework.nobody')}</td>
            <td class="gf-number gf-nowrap">${formatKroner(language, item.amountRequested)}</td>
            <td>${slaBadge(item, language)}</td>
            <td>${
              conflicted.has(item.id)
                ? html`<span class="badge badge-warning" title="${t(language, 'staff.ties.conflictedCase')}">${t(language, 'staff.ties.conflictedQueue')}</span>`
                : item.status === 'IN_QUEUE' && canClaim
                  ? html`<form method="post" action="/personale/sager/${item.id}/tag" class="gf-inline-form">
                      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('expectedStatus', item.status)}
                      <button type="submit" class="button button-secondary button-small" aria-label="${t(language, 'casework.claimCase', { reference: item.reference })}">${t(language, 'casework.claim')}</button>
                    </form>`
                  : ''
            }</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function pagination(queue: QueuePage, filter: QueueFilter, language: Language): SafeHtml {
  const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
  if (pages <= 1) return html``;
  return html`<nav class="gf-pagination" aria-label="${t(language, 'casework.pagination')}">
    ${queue.page > 1 ? html`<a href="${queueUrl(filter, { page: queue.page - 1 })}" rel="prev">${t(language, 'casework.previous')}</a>` : ''}
    <span>${t(language, 'casework.pageOf', { page: queue.page, pages })}</span>
    ${queue.page < pages ? html`<a href="${queueUrl(filter, { page: queue.page + 1 })}" rel="next">${t(language, 'casework.next')}</a>` : ''}
  </nav>`;
}

export async function showQueuePage(req: Request, res: Response, deps: { db: Database; site: SiteSettings; cookieSecret: string }): Promise<void> {
  const language = pageLanguage(req, res);
  const staff = staffOf(res)!;
  const parsed = queueFilterSchema.safeParse(req.query);
  // A hand-edited address with an unknown filter value shows the unfiltered queue, saying so.
  const filter = parsed.success ? parsed.data : queueFilterSchema.parse({});
  const [queue, rounds, staffMembers] = await Promise.all([
    loadQueue(deps.db, filter, staff),
    deps.db.fundingRound.findMany({ select: { id: true, name: true }, orderBy: { opensAt: 'desc' } }),
    deps.db.staffUser.findMany({ where: { active: true, roles: { hasSome: [...rolesGranted('case.claim')] } }, select: { email: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const who = await staffNames(deps.db, deps.site, queue.items.map((item) => item.assignee));
  // Inhabilitet: no claim button on a case whose association the staff member declared a tie to.
  const conflicted = await conflictedCaseIds(deps.db, staff, queue.items.map((item) => item.id));
  if (!queue.items.length && filter.page > 1 && queue.total > 0) throw new ApiError(404, 'not_found', 'errors.http.notFound');
  const from = queue.total ? (queue.page - 1) * queue.pageSize + 1 : 0;
  const to = (queue.page - 1) * queue.pageSize + queue.items.length;
  sendStaffPage(req, res, deps.site, deps.cookieSecret, {
    title: t(language, 'casework.queueTitle'),
    language,
    area: 'queue',
    main: html`<div class="gf-wide">
      <h1>${t(language, 'casework.queueTitle')}</h1>
      ${doneNotice(req, language)}
      ${parsed.success ? '' : alert('info', t(language, 'casework.badFilter'))}
      <p>${t(language, 'casework.queueIntro')}</p>
      ${filterForm(filter, { rounds, staff: staffMembers }, language)}
      ${countsList(queue, filter, language)}
      <p role="status">${t(language, 'casework.resultCount', { total: queue.total, from, to })}</p>
      ${casesTable(queue, who, staffCsrfToken(res, deps.cookieSecret), may(staff, 'case.claim'), conflicted, language)}
      ${pagination(queue, filter, language)}
    </div>`,
  });
}
