'use client';

import { useActionState } from 'react';

import { FormMessage, SelectField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { initialActionState } from '@/lib/action-state';
import { ROLE_LABELS } from '@/lib/labels';
import { PASSWORD_MIN_LENGTH } from '@/lib/password-rules';

import { createUserAction, resetPasswordAction, updateUserAction } from './actions';

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

export function CreateUserForm() {
  const [state, action, isPending] = useActionState(createUserAction, initialActionState);
  return (
    <form action={action} className="grid gap-4 md:grid-cols-2" noValidate>
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
      <TextField name="name" label="Name" autoComplete="off" required state={state} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        required
        state={state}
      />
      <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="employee" state={state} />
      <TextField
        name="password"
        label="First password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        required
        state={state}
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? 'Creating…' : 'Create user'}
        </Button>
      </div>
    </form>
  );
}

export function EditUserForm({ user }: { user: { id: string; name: string; role: string; active: boolean } }) {
  const [state, action, isPending] = useActionState(updateUserAction, initialActionState);
  return (
    <form action={action} className="grid gap-4 md:grid-cols-2" noValidate>
      <input type="hidden" name="id" value={user.id} />
      <div className="md:col-span-2">
        <FormMessage state={state} />
      </div>
      <TextField name="name" label="Name" defaultValue={user.name} required state={state} />
      <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue={user.role} state={state} />
      <SelectField
        name="active"
        label="Status"
        options={[
          { value: 'true', label: 'Active: can sign in' },
          { value: 'false', label: 'Deactivated: cannot sign in' },
        ]}
        defaultValue={String(user.active)}
        state={state}
      />
      <div className="md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const [state, action, isPending] = useActionState(resetPasswordAction, initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={userId} />
      <FormMessage state={state} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        required
        state={state}
      />
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? 'Resetting…' : 'Reset password'}
      </Button>
    </form>
  );
}
