import { z } from 'zod';

import { ulidField } from '@/lib/validation';

export const revertImportSchema = z.object({ import_id: ulidField('Unknown import.') });
