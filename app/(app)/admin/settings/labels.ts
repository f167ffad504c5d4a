import type { AttributionModel } from '@/db/queries/attribution';

export const ATTRIBUTION_MODEL_LABELS: Record<AttributionModel, string> = {
  last: 'Last touch (most recent campaign)',
  first: 'First touch (earliest campaign)',
};

export const ATTRIBUTION_MODEL_OPTIONS = (Object.keys(ATTRIBUTION_MODEL_LABELS) as AttributionModel[]).map((value) => ({ value, label: ATTRIBUTION_MODEL_LABELS[value] }));
