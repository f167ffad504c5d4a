import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/db';
import { getUserById } from '@/db/queries/users';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/session';
import { EditUserForm, ResetPasswordForm } from '../user-forms';

export const metadata: Metadata = { title: 'Edit user' };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('manage');
  const { id } = await params;
  const user = await getUserById(db, id);
  if (!user) notFound();
  return (
    <>
      <Link href="/admin/users" className="touch-target inline-flex items-center text-brand-700">
        ← All users
      </Link>
      <PageHeader title={user.name} description={user.email} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="details-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <h2 id="details-heading" className="mb-4 text-lg font-semibold">
            Role and status
          </h2>
          <EditUserForm user={user} />
        </section>
        <section aria-labelledby="password-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
          <h2 id="password-heading" className="mb-4 text-lg font-semibold">
            Reset password
          </h2>
          <ResetPasswordForm userId={user.id} />
        </section>
      </div>
    </>
  );
}
