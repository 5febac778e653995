/** The parameters a list takes besides its filters. */
export const PAGE_PARAMETERS = ['orderBy', 'limit', 'offset', 'cursor'] as const;
