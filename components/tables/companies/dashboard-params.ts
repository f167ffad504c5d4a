/**
 * The URL params of the company page's two paged tables (`${prefix}sort`, `…dir`, `…page`), so
 * each keeps its own sort and page. A plain module: the server page reads them, the client tables write them.
 */
export const STALL_TABLE_PREFIX = 'stalls_';
export const CAMPAIGN_TABLE_PREFIX = 'campaigns_';
