/** The world's contacts: exhibitor companies, then visitors, then the visitors an old list entered twice. */
import { DAY, wholeSecond } from '../dates';
import { company, mobile, person, personalEmail, TRADES } from '../india';
import type { World } from './context';

export type Contacts = {
  exhibitorIds: string[];
  visitorIds: string[];
  visitorPhones: string[];
  visitorNames: string[];
  visitorEmails: (string | null)[];
};

/** Contacts are created (imported) one after another, evenly, in the 90 to 10 days before the first talk. */
type Clock = { at: number; step: number };
const tick = (clock: Clock) => new Date(wholeSecond((clock.at += clock.step)));

export async function seedContacts(w: World): Promise<Contacts> {
  const { spec } = w;
  const phones = new Set<string>();
  const clock: Clock = { at: spec.from - 90 * DAY, step: (80 * DAY) / (spec.exhibitors + spec.visitors) };
  const exhibitorIds = await seedExhibitors(w, clock, phones);
  const visitors = await seedVisitors(w, clock, phones);
  await seedDuplicateVisitors(w, clock, phones, visitors);
  return { exhibitorIds, ...visitors };
}

async function seedExhibitors(w: World, clock: Clock, phones: Set<string>): Promise<string[]> {
  const companies = new Set<string>();
  const exhibitorIds: string[] = [];
  for (let i = 0; i < w.spec.exhibitors; i++) {
    const c = company(w.rng, companies);
    const at = tick(clock);
    const id = w.newId(at.getTime());
    exhibitorIds.push(id);
    await w.out('contacts', {
      id,
      type: 'exhibitor',
      name: c.name,
      company_name: c.legalName,
      phone: mobile(w.rng, phones),
      email: c.email,
      city: c.city,
      created_at: at,
      updated_at: at,
    });
  }
  return exhibitorIds;
}

async function seedVisitors(w: World, clock: Clock, phones: Set<string>): Promise<Omit<Contacts, 'exhibitorIds'>> {
  const { rng } = w;
  const n = w.spec.visitors;
  const visitorIds = new Array<string>(n);
  const visitorPhones = new Array<string>(n);
  const visitorNames = new Array<string>(n);
  const visitorEmails = new Array<string | null>(n);
  for (let v = 0; v < n; v++) {
    const p = person(rng);
    const at = tick(clock);
    const id = w.newId(at.getTime());
    const phone = mobile(rng, phones);
    visitorIds[v] = id;
    visitorPhones[v] = phone;
    visitorNames[v] = p.name;
    await w.out('contacts', {
      id,
      type: 'visitor',
      name: p.name,
      company_name: rng.chance(0.15) ? `${p.last} ${rng.pick(TRADES)}` : null,
      phone,
      email: (visitorEmails[v] = rng.chance(0.35) ? personalEmail(p, rng) : null),
      city: p.city,
      created_at: at,
      updated_at: at,
    });
  }
  return { visitorIds, visitorPhones, visitorNames, visitorEmails };
}

/**
 * Visitors entered twice, spread evenly over the visitors and drawn without
 * the generator, so the rest of the world is the same with or without them.
 */
async function seedDuplicateVisitors(
  w: World,
  clock: Clock,
  phones: Set<string>,
  visitors: Omit<Contacts, 'exhibitorIds'>,
): Promise<void> {
  const { visitorPhones, visitorNames, visitorEmails } = visitors;
  const n = w.spec.visitors;
  const duplicates = w.spec.duplicateVisitors ?? 0;
  for (let d = 0; d < duplicates; d++) {
    let v = Math.floor(((d + 1) * n) / (duplicates + 1));
    const byEmail = d % 2 === 1;
    if (byEmail) while (!visitorEmails[v] && v < n - 1) v++;
    const at = tick(clock);
    let phone = visitorPhones[v]!;
    if (byEmail) {
      // Another number of the same person: the original's with its last digits counted up.
      let next = BigInt(phone.slice(1));
      do next++;
      while (phones.has(`+${next}`));
      phone = `+${next}`;
      phones.add(phone);
    }
    const name = visitorNames[v]!;
    await w.out('contacts', {
      id: w.newId(at.getTime()),
      type: 'visitor',
      name: byEmail ? name.toUpperCase() : name.replace(/^(\S)\S*/, '$1.'),
      phone,
      email: visitorEmails[v] ?? null,
      city: null,
      created_at: at,
      updated_at: at,
    });
  }
}
