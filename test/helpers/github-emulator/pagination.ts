// Pagination as GitHub does it: per_page/page query parameters and the Link header.

export interface PageRequest {
  perPage: number;
  page: number;
}

/** Reads per_page (default 30, at most 100) and page (default 1) as GitHub does: junk means default. */
export function pageRequest(query: URLSearchParams): PageRequest {
  const perPageRaw = Number.parseInt(query.get('per_page') ?? '', 10);
  const pageRaw = Number.parseInt(query.get('page') ?? '', 10);
  const perPage = Number.isFinite(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 100) : 30;
  const page = Number.isFinite(pageRaw) && pageRaw > 0 ? pageRaw : 1;
  return { perPage, page };
}

export function pageSlice<T>(items: readonly T[], { perPage, page }: PageRequest): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}

/**
 * GitHub's Link header for one page of `total` items, or undefined when everything fits on one page.
 * Order as GitHub sends it: prev, next, last, first. Other query parameters are kept.
 */
export function linkHeader(requestUrl: URL, total: number, { perPage, page }: PageRequest): string | undefined {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  if (lastPage === 1 && page === 1) return undefined;
  const link = (n: number, rel: string): string => {
    const u = new URL(requestUrl.href);
    u.searchParams.set('page', String(n));
    return `<${u.href}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(link(page - 1, 'prev'));
  if (page < lastPage) parts.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) parts.push(link(1, 'first'));
  return parts.join(', ');
}
