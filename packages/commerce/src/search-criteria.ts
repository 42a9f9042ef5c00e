/**
 * Commerce `searchCriteria`: filters OR'd inside a filter group, groups AND'd together, sort orders, paging.
 *
 * Serialised with the camelCase names the REST schema lists
 * (`searchCriteria[filterGroups][0][filters][0][conditionType]`); Commerce accepts those and the snake_case
 * spelling of its prose docs alike.
 */

/** Every condition type Commerce's SQL filter processor knows. */
export const CONDITION_TYPES = [
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
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export interface Filter {
  readonly field: string;
  /** For `in` / `nin`: a comma-separated list, or an array joined with commas. Ignored for null/notnull. */
  readonly value: string | number | readonly (string | number)[];
  readonly conditionType: ConditionType;
}

export type SortDirection = 'ASC' | 'DESC';

export interface SortOrder {
  readonly field: string;
  readonly direction: SortDirection;
}

export interface SearchCriteria {
  /** Filters inside a group are OR'd; groups are AND'd. */
  readonly filterGroups: readonly (readonly Filter[])[];
  readonly sortOrders: readonly SortOrder[];
  /** No page size means all rows in one answer. */
  readonly pageSize?: number;
  readonly currentPage?: number;
}

/** Immutable builder: `search().where('status','eq','pending').orWhere(...).and(...).sortBy(...).pageSize(50)`. */
export class SearchCriteriaBuilder {
  private constructor(private readonly criteria: SearchCriteria) {}

  static create(): SearchCriteriaBuilder {
    return new SearchCriteriaBuilder({ filterGroups: [], sortOrders: [] });
  }

  /** Starts a new filter group (AND'd with the groups before it) holding this filter. */
  where(field: string, conditionType: ConditionType, value: Filter['value'] = ''): SearchCriteriaBuilder {
    return new SearchCriteriaBuilder({
      ...this.criteria,
      filterGroups: [...this.criteria.filterGroups, [{ field, conditionType, value }]],
    });
  }

  /** Adds a filter to the last group, OR'd with the filters already in it. */
  orWhere(field: string, conditionType: ConditionType, value: Filter['value'] = ''): SearchCriteriaBuilder {
    const groups = [...this.criteria.filterGroups];
    const last = groups.pop();
    if (!last) {
      throw new Error('orWhere() needs a where() before it');
    }
    groups.push([...last, { field, conditionType, value }]);
    return new SearchCriteriaBuilder({ ...this.criteria, filterGroups: groups });
  }

  /** Adds a whole group of OR'd filters, AND'd with the other groups. */
  anyOf(filters: readonly Filter[]): SearchCriteriaBuilder {
    if (filters.length === 0) {
      throw new Error('a filter group needs at least one filter');
    }
    return new SearchCriteriaBuilder({
      ...this.criteria,
      filterGroups: [...this.criteria.filterGroups, filters],
    });
  }

  sortBy(field: string, direction: SortDirection = 'ASC'): SearchCriteriaBuilder {
    return new SearchCriteriaBuilder({
      ...this.criteria,
      sortOrders: [...this.criteria.sortOrders, { field, direction }],
    });
  }

  pageSize(size: number): SearchCriteriaBuilder {
    assertPositiveInteger(size, 'page size');
    return new SearchCriteriaBuilder({ ...this.criteria, pageSize: size });
  }

  page(currentPage: number): SearchCriteriaBuilder {
    assertPositiveInteger(currentPage, 'current page');
    return new SearchCriteriaBuilder({ ...this.criteria, currentPage });
  }

  build(): SearchCriteria {
    return this.criteria;
  }
}

export function searchCriteria(): SearchCriteriaBuilder {
  return SearchCriteriaBuilder.create();
}

function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${what} must be a whole number ≥ 1, not ${value}`);
  }
}

function filterValue(filter: Filter): string {
  if (Array.isArray(filter.value)) {
    return filter.value.map(String).join(',');
  }
  return String(filter.value);
}

/** The query parameters of a search, in order, as decoded key/value pairs. */
export function searchCriteriaToParams(criteria: SearchCriteria): [string, string][] {
  const params: [string, string][] = [];
  criteria.filterGroups.forEach((group, g) => {
    group.forEach((filter, f) => {
      const prefix = `searchCriteria[filterGroups][${g}][filters][${f}]`;
      params.push([`${prefix}[field]`, filter.field]);
      params.push([`${prefix}[value]`, filterValue(filter)]);
      params.push([`${prefix}[conditionType]`, filter.conditionType]);
    });
  });
  criteria.sortOrders.forEach((sort, s) => {
    params.push([`searchCriteria[sortOrders][${s}][field]`, sort.field]);
    params.push([`searchCriteria[sortOrders][${s}][direction]`, sort.direction]);
  });
  if (criteria.pageSize !== undefined) {
    params.push(['searchCriteria[pageSize]', String(criteria.pageSize)]);
  }
  if (criteria.currentPage !== undefined) {
    params.push(['searchCriteria[currentPage]', String(criteria.currentPage)]);
  }
  if (params.length === 0) {
    // Commerce needs searchCriteria to be present; page 1 without a page size means "every row".
    params.push(['searchCriteria[currentPage]', '1']);
  }
  return params;
}
