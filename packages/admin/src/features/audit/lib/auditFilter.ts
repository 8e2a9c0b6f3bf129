import type { AuditEventFilter } from '../../../gql/graphql';
import { taipeiDayEnd, taipeiDayStart } from '../../../lib/taipeiDate';

/** What the 操作紀錄 page filters by, as its address keeps it (`?actor=&action=&objectType=&objectId=&from=&to=`); days are Taipei calendar days. */
export interface AuditFilterState {
  actorId: string;
  action: string;
  objectType: string;
  objectId: string;
  /** `YYYY-MM-DD`, from 00:00 Taipei time. */
  from: string;
  /** `YYYY-MM-DD`, through the end of that Taipei day. */
  to: string;
}

export const EMPTY_FILTER: AuditFilterState = { actorId: '', action: '', objectType: '', objectId: '', from: '', to: '' };

const PARAMS: Record<keyof AuditFilterState, string> = { actorId: 'actor', action: 'action', objectType: 'objectType', objectId: 'objectId', from: 'from', to: 'to' };

export function readAuditFilter(params: URLSearchParams): AuditFilterState {
  const state = { ...EMPTY_FILTER };
  for (const [field, param] of Object.entries(PARAMS) as [keyof AuditFilterState, string][]) state[field] = params.get(param)?.trim() ?? '';
  return state;
}

export function writeAuditFilter(state: AuditFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, param] of Object.entries(PARAMS) as [keyof AuditFilterState, string][]) if (state[field].trim()) params.set(param, state[field].trim());
  return params;
}

export function isFiltered(state: AuditFilterState): boolean {
  return Object.values(state).some((v) => v.trim() !== '');
}

/** The days in the wrong order: nothing can match. */
export function rangeReversed(state: AuditFilterState): boolean {
  return !!state.from && !!state.to && state.from > state.to;
}

/** The API's filter: a day range becomes [from 00:00, the day after `to` 00:00) in Taipei time. */
export function toApiFilter(state: AuditFilterState): AuditEventFilter {
  const filter: AuditEventFilter = {};
  if (state.actorId) filter.actorId = state.actorId;
  if (state.action) filter.action = state.action;
  if (state.objectType) filter.objectType = state.objectType;
  if (state.objectId.trim()) filter.objectId = state.objectId.trim();
  const from = state.from ? taipeiDayStart(state.from) : null;
  const to = state.to ? taipeiDayEnd(state.to) : null;
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

/** The same filter as the CSV export's address (same origin: the session cookie authenticates it). */
export function auditCsvUrl(state: AuditFilterState): string {
  const filter = toApiFilter(state);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  const query = params.toString();
  return `/exports/audit.csv${query ? `?${query}` : ''}`;
}

/** `staff.permissions.update` -> `staff_permissions_update`, a key under admin.audit.actions (i18next reads dots as nesting). */
export const actionKey = (action: string) => action.replace(/[^a-z0-9]+/gi, '_');

/** A recorded JSON value, short enough for a table cell. */
export function showValue(json: string | null | undefined, max = 80): string {
  if (json == null) return '—';
  let text = json;
  try {
    const value: unknown = JSON.parse(json);
    text = value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    // recorded as it is
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
