import { CONTACT_VIEWS, type ContactView } from '@/app/(app)/contacts/labels';
import { readDb } from '@/db';
import { CONTACT_STATES, iterateContacts } from '@/db/queries/contacts';
import { CONTACT_FIELDS } from '@/lib/contact-fields';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';
import { oneOf } from '@/lib/search-params';

/**
 * The companies or the visitors as CSV, with the contacts page's filters (`view`, `q`,
 * `city`, `state`), in the order they were added; managers and admins. The columns are
 * the fields' own names, so the file can be edited and imported again.
 */
export async function GET(request: Request) {
  const refused = await refuseUnless('readContacts');
  if (refused) return refused;
  const url = new URL(request.url);
  const get = (key: string) => url.searchParams.get(key)?.trim() || undefined;
  const view = oneOf(get('view'), Object.keys(CONTACT_VIEWS) as ContactView[], 'companies');
  const type = CONTACT_VIEWS[view];
  const state = oneOf(get('state'), CONTACT_STATES, 'live');
  const fields = CONTACT_FIELDS[type];
  async function* pages() {
    for await (const rows of iterateContacts(readDb, { type, q: get('q'), city: get('city'), state })) {
      yield rows.map((r) => [
        r.id,
        ...fields.map((f) => r[f]),
        r.created_at,
        ...(state === 'deleted' ? [r.deleted_at] : []),
      ]);
    }
  }
  return csvResponse(
    `${view}.csv`,
    ['id', ...fields, 'created_at', ...(state === 'deleted' ? ['deleted_at'] : [])],
    pages(),
  );
}
