import type { Request, Response } from 'express';
import type { Language } from '../../../../lib/languages';
import type { Database } from '../../../../lib/db';
import { TARGET_GROUPS } from '../../../../domain/categories';
import { labelOf, TARGET_GROUP_LABELS } from '../../stats/labels';
import { staffOf } from '../../http/staff';
import { ApiError } from '../../http/errors';
import { loadQueue, queueFilterSchema, QUEUE_PAGE_SIZES, WAITING_FOR_STAFF, type QueueFilter, type QueueItem, type QueuePage } from '../../casework/queue';
import { SLA_STATES, type SlaState } from '../../casework/sla';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, selectField } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage, staffCsrfToken } from '../staff/shell';
import { alert, doneNotice, kroner, statusLabel } from './format';
import { CASEWORK_TEXTS as T, fill } from './texts';

const SLA_LABELS: Record<SlaState, keyof typeof T> = { within: 'slaWithin', due_soon: 'slaDueSoon', breached: 'slaBreached' };

/** The SLA badge: days waiting against the round's target, coloured by how close it is. */
export function slaBadge(item: Pick<QueueItem, 'sla' | 'daysWaiting'>, language: Language): SafeHtml {
  if (!item.sla) return html`${fill(T.days[language], { days: item.daysWaiting })}`;
  const kind = item.sla.state === 'breached' ? 'error' : item.sla.state === 'due_soon' ? 'warning' : 'success';
  return html`<span class="badge badge-${kind} gf-sla">${fill(T.daysOfTarget[language], { days: item.daysWaiting, target: item.sla.targetDays })}<span class="sr-only">: ${T[SLA_LABELS[item.sla.state]][language]}</span></span>`;
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
    <h2 class="h3" id="filters-heading">${T.filters[language]}</h2>
    <div class="gf-filter-grid">
      ${selectField({ name: 'status', label: T.status[language], language, emptyLabel: T.any[language], value: filter.status, options: WAITING_FOR_STAFF.map((s) => ({ value: s, label: statusLabel(s, language) })) })}
      ${selectField({ name: 'roundId', label: T.round[language], language, emptyLabel: T.any[language], value: filter.roundId, options: options.rounds.map((r) => ({ value: r.id, label: r.name })) })}
      ${selectField({
        name: 'assignee',
        label: T.assignee[language],
        language,
        emptyLabel: T.any[language],
        value: filter.assignee,
        options: [{ value: 'me', label: T.mine[language] }, { value: 'none', label: T.unassigned[language] }, ...options.staff.map((s) => ({ value: s.email, label: s.name }))],
      })}
      ${selectField({ name: 'targetGroup', label: T.targetGroup[language], language, emptyLabel: T.any[language], value: filter.targetGroup, options: TARGET_GROUPS.map((g) => ({ value: g, label: labelOf(TARGET_GROUP_LABELS, g, language) })) })}
      ${selectField({ name: 'sla', label: T.sla[language], language, emptyLabel: T.any[language], value: filter.sla, options: SLA_STATES.map((s) => ({ value: s, label: T[SLA_LABELS[s]][language] })) })}
      ${selectField({
        name: 'flagged',
        label: T.flagged[language],
        language,
        emptyLabel: T.any[language],
        value: filter.flagged === undefined ? undefined : String(filter.flagged),
        options: [{ value: 'true', label: T.flaggedOnly[language] }, { value: 'false', label: T.flaggedNone[language] }],
      })}
      ${selectField({
        name: 'sort',
        label: T.sort[language],
        language,
        value: filter.sort,
        options: [{ value: 'oldest', label: T.sortOldest[language] }, { value: 'newest', label: T.sortNewest[language] }, { value: 'amount', label: T.sortAmount[language] }],
      })}
      ${selectField({ name: 'pageSize', label: T.pageSize[language], language, value: String(filter.pageSize), options: QUEUE_PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) })) })}
    </div>
    <button type="submit" class="button button-secondary">${T.applyFilters[language]}</button>
    <a class="gf-clear-filters" href="/personale/sager">${T.clearFilters[language]}</a>
  </form>`;
}

function countsList(queue: QueuePage, filter: QueueFilter, language: Language): SafeHtml {
  return html`<h2 class="h3">${T.countsHeading[language]}</h2>
    <ul class="nobullet-list gf-counts">
      ${WAITING_FOR_STAFF.map((status) => {
        const count = queue.counts[status] ?? 0;
        const label = html`${statusLabel(status, language)}: <strong>${count}</strong>`;
        return html`<li>${filter.status === status ? html`<span aria-current="true">${label}</span>` : html`<a href="${queueUrl(filter, { status, page: 1 })}">${label}</a>`}</li>`;
      })}
    </ul>`;
}

function casesTable(queue: QueuePage, csrf: string, language: Language): SafeHtml {
  if (!queue.items.length) return html`<p>${T.noCases[language]}</p>`;
  return html`<div class="table--responsive-scroll">
    <table class="table table--compact gf-queue-table">
      <caption class="sr-only">${T.tableCaption[language]}</caption>
      <thead><tr>
        <th scope="col">${T.reference[language]}</th>
        <th scope="col">${T.association[language]} / ${T.activity[language]}</th>
        <th scope="col">${T.status[language]}</th>
        <th scope="col">${T.assignee[language]}</th>
        <th scope="col" class="gf-number">${T.requested[language]}</th>
        <th scope="col">${T.waiting[language]}</th>
        <th scope="col">${T.action[language]}</th>
      </tr></thead>
      <tbody>
        ${queue.items.map(
          (item) => html`<tr>
            <td><a href="/personale/sager/${item.id}">${item.reference}</a></td>
            <td>${item.organization}<br><span class="gf-muted">${item.title} · ${labelOf(TARGET_GROUP_LABELS, item.targetGroup, language)} · ${item.round.name}</span>
              ${item.flagged ? html`<br><span class="badge badge-warning">${T.flaggedBadge[language]}</span>` : ''}</td>
            <td>${statusLabel(item.status, language)}</td>
            <td>${item.assignee ?? T.nobody[language]}</td>
            <td class="gf-number">${kroner(item.amountRequested, language)}</td>
            <td>${slaBadge(item, language)}</td>
            <td>${
              item.status === 'IN_QUEUE'
                ? html`<form method="post" action="/personale/sager/${item.id}/tag" class="gf-inline-form">
                    ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('expectedStatus', item.status)}
                    <button type="submit" class="button button-secondary button-small" aria-label="${fill(T.claimCase[language], { reference: item.reference })}">${T.claim[language]}</button>
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
  return html`<nav class="gf-pagination" aria-label="${T.pagination[language]}">
    ${queue.page > 1 ? html`<a href="${queueUrl(filter, { page: queue.page - 1 })}" rel="prev">${T.previous[language]}</a>` : ''}
    <span>${fill(T.pageOf[language], { page: queue.page, pages })}</span>
    ${queue.page < pages ? html`<a href="${queueUrl(filter, { page: queue.page + 1 })}" rel="next">${T.next[language]}</a>` : ''}
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
    deps.db.staffUser.findMany({ where: { active: true, roles: { hasSome: ['caseworker', 'approver'] } }, select: { email: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  if (!queue.items.length && filter.page > 1 && queue.total > 0) throw new ApiError(404, 'not_found', 'errors.http.notFound');
  const from = queue.total ? (queue.page - 1) * queue.pageSize + 1 : 0;
  const to = (queue.page - 1) * queue.pageSize + queue.items.length;
  sendStaffPage(req, res, deps.site, deps.cookieSecret, {
    title: T.queueTitle[language],
    language,
    area: 'queue',
    main: html`<div class="gf-wide">
      <h1>${T.queueTitle[language]}</h1>
      ${doneNotice(req, language)}
      ${parsed.success ? '' : alert('info', T.badFilter[language])}
      <p>${T.queueIntro[language]}</p>
      ${filterForm(filter, { rounds, staff: staffMembers }, language)}
      ${countsList(queue, filter, language)}
      <p role="status">${fill(T.resultCount[language], { total: queue.total, from, to })}</p>
      ${casesTable(queue, staffCsrfToken(res, deps.cookieSecret), language)}
      ${pagination(queue, filter, language)}
    </div>`,
  });
}
