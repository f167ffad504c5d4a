import type { Metadata } from 'next';

import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getAttributionSettings } from '@/db/queries/attribution';
import { formatDateTime } from '@/lib/format';
import { ATTRIBUTION_MODEL_LABELS } from '@/lib/labels';
import { requirePermission } from '@/lib/session';

import { AttributionSettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePermission('manage');
  const settings = await getAttributionSettings(db);
  const days = settings.windowDays;
  return (
    <>
      <PageHeader title="Settings" />
      <section aria-labelledby="attribution" className="max-w-3xl rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <h2 id="attribution" className="mb-2 text-lg font-semibold">
          Campaign attribution
        </h2>
        <p className="mb-2 text-slate-700">
          A talk at a booth is credited to a campaign that sent the visitor’s phone a message within the window before
          the talk; when several did, the model picks the most recent one (last touch) or the earliest (first touch).
        </p>
        <p className="mb-4 text-slate-700" data-testid="current-attribution">
          Now: {days} {days === 1 ? 'day' : 'days'}, {ATTRIBUTION_MODEL_LABELS[settings.model].toLowerCase()}
          {settings.updatedAt ? `; last changed ${formatDateTime(settings.updatedAt)}` : ', the defaults'}. A change
          applies to talks recorded after it; earlier leads keep their campaign.
        </p>
        <AttributionSettingsForm windowDays={days} model={settings.model} />
      </section>
    </>
  );
}
