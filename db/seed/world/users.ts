/** The world's users: the fixed logins, and who records the talks. */
import { WeightedIndex } from '../random';
import type { World } from './context';

export type Staff = {
  userIds: string[];
  adminId: string;
  /** Picks who records a talk: employees mostly, the managers now and then, never the admin. */
  recorders: WeightedIndex;
};

export async function seedUsers(w: World): Promise<Staff> {
  const { spec, setupAt } = w;
  const userIds: string[] = [];
  for (const u of spec.users) {
    const id = w.newId(setupAt);
    userIds.push(id);
    await w.out('users', {
      id,
      name: u.name,
      email: u.email,
      password: spec.passwordHash,
      role: u.role,
      active: true,
      created_at: new Date(setupAt),
      updated_at: new Date(setupAt),
    });
  }
  const adminId = userIds[spec.users.findIndex((u) => u.role === 'admin')] ?? userIds[0]!;
  const recorders = new WeightedIndex(
    spec.users.map((u) => (u.role === 'employee' ? 10 : u.role === 'manager' ? 2 : 0)),
  );
  return { userIds, adminId, recorders };
}
