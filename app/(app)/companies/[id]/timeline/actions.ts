'use server';

import { z } from 'zod';

import { readDb } from '@/db';
import { searchTimelineFilterOptions, TIMELINE_SEARCH_FIELDS } from '@/db/queries/companies';
import { validatedCall } from '@/lib/action';
import { searchTextField, ulidField } from '@/lib/validation';

const searchSchema = z.object({
  exhibitorId: ulidField(),
  field: z.enum(TIMELINE_SEARCH_FIELDS),
  q: searchTextField,
});

/** The timeline's campaign, stall and employee filters, searched as one types: the first matches in this company's conversations. */
export const searchTimelineFilterAction = validatedCall('readCompanies', searchSchema, ({ exhibitorId, field, q }) =>
  searchTimelineFilterOptions(readDb, exhibitorId, field, q),
);
