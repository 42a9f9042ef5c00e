/**
 * searchCriteria as Commerce applies it: filters OR'd inside a group, groups AND'd, sort orders, and paging
 * where a page past the end answers with the last page again. Accepts camelCase and snake_case names.
 */
import { badRequest } from './errors.js';

export interface ParsedFilter {
  field: string;
  value: string;
  conditionType: string;
}

export interface ParsedCriteria {
  filterGroups: ParsedFilter[][];
  sortOrders: { field: string; direction: string }[];
  pageSize?: number;
  currentPage?: number;
}

const CONDITIONS = new Set([
  'eq',
  'neq',
  'gt',
  'gteq',
  'lt',
  'lteq',
  'moreq',
  'from',
  'to',
  'like',
  'nlike',
  'in',
  'nin',
  'finset',
  'nfinset',
  'null',
  'notnull',
]);

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function parseSearchCriteria(query: URLSearchParams): ParsedCriteria {
  const groups = new Map<number, Map<number, Partial<ParsedFilter>>>();
  const sorts = new Map<number, { field?: string; direction?: string }>();
  const criteria: ParsedCriteria = { filterGroups: [], sortOrders: [] };
  for (const [rawKey, value] of query) {
    if (!rawKey.startsWith('searchCriteria')) {
      continue;
    }
    const parts = [...rawKey.slice('searchCriteria'.length).matchAll(/\[([^\]]*)\]/g)].map((m) =>
      camel(m[1] ?? ''),
    );
    const [first, a, b, c, d] = parts;
    if (first === 'filterGroups' && b === 'filters' && a !== undefined && c !== undefined && d) {
      const group = groups.get(Number(a)) ?? new Map<number, Partial<ParsedFilter>>();
      groups.set(Number(a), group);
      const filter = group.get(Number(c)) ?? {};
      group.set(Number(c), filter);
      if (d === 'field' || d === 'value' || d === 'conditionType') {
        filter[d] = value;
      }
    } else if (first === 'sortOrders' && a !== undefined && b) {
      const sort = sorts.get(Number(a)) ?? {};
      sorts.set(Number(a), sort);
      if (b === 'field' || b === 'direction') {
        sort[b] = value;
      }
    } else if (first === 'pageSize') {
      criteria.pageSize = Number(value);
    } else if (first === 'currentPage') {
      criteria.currentPage = Number(value);
    }
  }
  for (const [, group] of [...groups].sort(([x], [y]) => x - y)) {
    const filters: ParsedFilter[] = [];
    for (const [, filter] of [...group].sort(([x], [y]) => x - y)) {
      if (!filter.field) {
        throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: 'field' });
      }
      const conditionType = filter.conditionType ?? 'eq';
      if (!CONDITIONS.has(conditionType)) {
        throw badRequest('Invalid condition type: %1', [conditionType]);
      }
      filters.push({ field: filter.field, value: filter.value ?? '', conditionType });
    }
    criteria.filterGroups.push(filters);
  }
  for (const [, sort] of [...sorts].sort(([x], [y]) => x - y)) {
    if (sort.field) {
      criteria.sortOrders.push({ field: sort.field, direction: (sort.direction ?? 'ASC').toUpperCase() });
    }
  }
  return criteria;
}

function isNumeric(value: unknown): boolean {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
  );
}

/** Compares like MySQL would for the column: numbers numerically, everything else as strings. */
function compare(left: unknown, right: string): number {
  if (isNumeric(left) && isNumeric(right)) {
    const a = Number(left);
    const b = Number(right);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // Commerce's tables use MySQL's case-insensitive collations: "Jane@x.com" equals "jane@x.com".
  const a = String(left).toLowerCase();
  const b = right.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'is');
}

export function matches(row: Record<string, unknown>, filter: ParsedFilter): boolean {
  const value = row[filter.field];
  const missing = value === undefined || value === null;
  switch (filter.conditionType) {
    case 'null':
      return missing;
    case 'notnull':
      return !missing;
  }
  if (missing) {
    return false;
  }
  switch (filter.conditionType) {
    case 'eq':
      return compare(value, filter.value) === 0;
    case 'neq':
      return compare(value, filter.value) !== 0;
    case 'gt':
      return compare(value, filter.value) > 0;
    case 'gteq':
    case 'moreq':
    case 'from':
      return compare(value, filter.value) >= 0;
    case 'lt':
      return compare(value, filter.value) < 0;
    case 'lteq':
    case 'to':
      return compare(value, filter.value) <= 0;
    case 'like':
      return likeToRegExp(filter.value).test(String(value));
    case 'nlike':
      return !likeToRegExp(filter.value).test(String(value));
    case 'in':
      return filter.value.split(',').some((candidate) => compare(value, candidate.trim()) === 0);
    case 'nin':
      return !filter.value.split(',').some((candidate) => compare(value, candidate.trim()) === 0);
    case 'finset':
      return String(value).split(',').includes(filter.value);
    case 'nfinset':
      return !String(value).split(',').includes(filter.value);
    default:
      return false;
  }
}

export interface SearchAnswer<T> {
  items: T[];
  search_criteria: unknown;
  total_count: number;
}

export function applySearch<T extends object>(rows: readonly T[], criteria: ParsedCriteria): SearchAnswer<T> {
  let result = rows.filter((row) =>
    criteria.filterGroups.every((group) =>
      group.some((filter) => matches(row as Record<string, unknown>, filter)),
    ),
  );
  if (criteria.sortOrders.length > 0) {
    result = [...result].sort((x, y) => {
      for (const sort of criteria.sortOrders) {
        const a = (x as Record<string, unknown>)[sort.field];
        const b = (y as Record<string, unknown>)[sort.field];
        const order = a === b ? 0 : a === undefined || a === null ? -1 : compare(a, String(b));
        if (order !== 0) {
          return sort.direction === 'DESC' ? -order : order;
        }
      }
      return 0;
    });
  }
  const total = result.length;
  let items = result;
  if (criteria.pageSize && criteria.pageSize > 0) {
    const lastPage = Math.max(1, Math.ceil(total / criteria.pageSize));
    // Past the end Commerce's collection clamps to the last page and answers it again.
    const page = Math.min(Math.max(1, criteria.currentPage ?? 1), lastPage);
    items = result.slice((page - 1) * criteria.pageSize, page * criteria.pageSize);
  }
  return {
    items,
    search_criteria: {
      filter_groups: criteria.filterGroups.map((filters) => ({
        filters: filters.map((f) => ({ field: f.field, value: f.value, condition_type: f.conditionType })),
      })),
      ...(criteria.sortOrders.length ? { sort_orders: criteria.sortOrders } : {}),
      ...(criteria.pageSize !== undefined ? { page_size: criteria.pageSize } : {}),
      ...(criteria.currentPage !== undefined ? { current_page: criteria.currentPage } : {}),
    },
    total_count: total,
  };
}
