import type { Metadata } from 'next';
import Link from 'next/link';

import { cellClass, SimpleTable } from '@/components/tables/simple-table';
import { Panel } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/db';
import { listUsers } from '@/db/queries/users';
import { ROLE_LABELS } from '@/lib/labels';
import { requirePermission } from '@/lib/session';

import { CreateUserForm } from './user-forms';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  await requirePermission('manage');
  const users = await listUsers(db);
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, and what their role lets them do." />
      <SimpleTable caption="Users" head={['Name', 'Email', 'Role', 'Status', '']}>
        {users.map((u) => (
          <tr key={u.id}>
            <td className={cellClass}>{u.name}</td>
            <td className={cellClass}>{u.email}</td>
            <td className={cellClass}>{ROLE_LABELS[u.role]}</td>
            <td className={cellClass}>{u.active ? 'Active' : <span className="text-slate-500">Deactivated</span>}</td>
            <td className={`${cellClass} text-right`}>
              <Link
                href={`/admin/users/${u.id}`}
                className="inline-flex touch-target items-center rounded-lg px-3 font-medium text-brand-700 hover:bg-brand-50"
              >
                Edit<span className="sr-only"> {u.name}</span>
              </Link>
            </td>
          </tr>
        ))}
      </SimpleTable>
      <Panel id="new-user" title="Add a user" className="mt-8">
        <CreateUserForm />
      </Panel>
    </>
  );
}
