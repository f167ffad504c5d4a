import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { Panel } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { getUserById } from '@/db/queries/users';
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
      <PageHeader back={{ href: '/admin/users', label: 'All users' }} title={user.name} description={user.email} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="details-heading" title="Role and status">
          <EditUserForm user={user} />
        </Panel>
        <Panel id="password-heading" title="Reset password">
          <ResetPasswordForm userId={user.id} />
        </Panel>
      </div>
    </>
  );
}
