/** The duplicates page's views: visitors sharing a phone, visitors sharing an email, and merging two companies. */
export const DUPLICATE_TABS = ['phone', 'email', 'companies'] as const;
export type DuplicateTab = (typeof DUPLICATE_TABS)[number];

export const TAB_LABELS: Record<DuplicateTab, string> = {
  phone: 'Visitors by phone',
  email: 'Visitors by email',
  companies: 'Companies',
};
