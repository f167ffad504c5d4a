/**
 * What the demo and the large seeders share: a deterministic PRNG, Indian
 * names, cities and companies, the world generator (one place for the
 * invariants: links both ways, attribution, amounts, one open lead per
 * visitor and company, a stall once per date) and the bulk INSERT builder.
 */
import { escape } from 'mysql2';
import { ulid } from 'ulid';
import type { NewBooking, NewContact, NewConversation, NewFollowUp, NewUser, Role } from '@/db/schema';
import type { campaignRecipients, campaigns, locations, stalls } from '@/db/schema';
import { formatINR, fromPaise, toPaise } from '@/lib/money';
import { normalisePhone } from '@/lib/phone';

export const DAY = 86_400_000;
export const ATTRIBUTION_WINDOW_MS = 30 * DAY;

// ---------------------------------------------------------------- PRNG

/** mulberry32: tiny, fast, good enough for test data, and the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight from [value, weight] pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let x = this.next() * total;
    for (const [v, w] of pairs) {
      x -= w;
      if (x < 0) return v;
    }
    return pairs[pairs.length - 1]![0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  gaussian(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Cumulative weights for fast repeated weighted picks (binary search). */
export class WeightedIndex {
  private readonly cumulative: Float64Array;
  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) this.cumulative[i] = sum += weights[i]!;
  }
  pick(rng: Rng): number {
    const c = this.cumulative;
    const x = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Splits `total` into parts proportional to `weights`, each within [min, max], summing exactly to `total`. */
export function splitTotal(total: number, weights: number[], min: number, max: number): number[] {
  if (weights.length * min > total || weights.length * max < total) throw new Error(`Cannot split ${total} into ${weights.length} parts of ${min}..${max}`);
  const sizes = new Array<number>(weights.length).fill(0);
  const fixed = new Set<number>();
  // Clamp and rescale until every part is within bounds.
  for (let round = 0; round < 50; round++) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i));
    const left = total - [...fixed].reduce((s, i) => s + sizes[i]!, 0);
    const wsum = free.reduce((s, i) => s + weights[i]!, 0);
    let clamped = false;
    for (const i of free) {
      const v = Math.round((weights[i]! / wsum) * left);
      if (v > max || v < min) {
        sizes[i] = v > max ? max : min;
        fixed.add(i);
        clamped = true;
      } else sizes[i] = v;
    }
    if (!clamped) break;
  }
  // Rounding remainder onto the parts that still have room.
  let diff = total - sizes.reduce((s, v) => s + v, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % sizes.length) {
    const step = diff > 0 ? 1 : -1;
    if (sizes[i]! + step <= max && sizes[i]! + step >= min) {
      sizes[i] = sizes[i]! + step;
      diff -= step;
    }
  }
  return sizes;
}

// ---------------------------------------------------------------- dates

/** Whole seconds: TIMESTAMP columns keep no fraction, so the generator never makes one. */
export const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
export const startOfUtcDay = (ms: number) => Math.floor(ms / DAY) * DAY;
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dateMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** A moment during booth hours, 10:00–19:00 IST (04:30–13:30 UTC), on the day of `ms`. */
export function boothTime(ms: number, rng: Rng): number {
  return startOfUtcDay(ms) + rng.int(16_200, 48_600) * 1000;
}

// ---------------------------------------------------------------- Indian names

type Community = { weight: number; male: string[]; female: string[]; surnames: string[]; cities: string[] };

const COMMUNITIES: Community[] = [
  {
    weight: 25,
    male: ['Aarav', 'Aditya', 'Amit', 'Rahul', 'Rohit', 'Sanjay', 'Manoj', 'Deepak', 'Anil', 'Sunil', 'Vijay', 'Ajay', 'Ravi', 'Abhishek', 'Gaurav', 'Saurabh', 'Ankit', 'Mohit', 'Rakesh', 'Pankaj', 'Alok', 'Vivek', 'Shubham', 'Ashish'],
    female: ['Priya', 'Neha', 'Pooja', 'Anjali', 'Shreya', 'Ritu', 'Sunita', 'Anita', 'Kavita', 'Rekha', 'Seema', 'Swati', 'Nisha', 'Shalini', 'Jyoti', 'Aditi', 'Ananya', 'Sakshi', 'Komal', 'Preeti'],
    surnames: ['Sharma', 'Verma', 'Gupta', 'Mishra', 'Tiwari', 'Pandey', 'Dubey', 'Tripathi', 'Srivastava', 'Saxena', 'Yadav', 'Singh', 'Chauhan', 'Rathore', 'Agarwal', 'Jain', 'Goyal', 'Bansal', 'Mittal', 'Thakur', 'Saini', 'Choudhary'],
    cities: ['Delhi', 'Delhi', 'Noida', 'Gurugram', 'Lucknow', 'Kanpur', 'Jaipur', 'Agra', 'Varanasi', 'Bhopal', 'Indore', 'Patna', 'Dehradun'],
  },
  {
    weight: 7,
    male: ['Gurpreet', 'Harpreet', 'Manpreet', 'Jaspal', 'Harjeet', 'Amandeep', 'Sukhwinder', 'Karan', 'Arjun', 'Jasbir'],
    female: ['Simran', 'Harleen', 'Jaspreet', 'Navneet', 'Gurleen', 'Manjeet', 'Kiranjit', 'Rupinder'],
    surnames: ['Singh', 'Kaur', 'Gill', 'Sandhu', 'Dhillon', 'Grewal', 'Sidhu', 'Bajwa', 'Kapoor', 'Malhotra', 'Khanna', 'Arora', 'Bhatia', 'Sethi', 'Chopra'],
    cities: ['Ludhiana', 'Amritsar', 'Chandigarh', 'Jalandhar', 'Patiala', 'Delhi'],
  },
  {
    weight: 14,
    male: ['Jignesh', 'Bhavesh', 'Paresh', 'Hitesh', 'Mukesh', 'Nilesh', 'Chirag', 'Dhaval', 'Hardik', 'Kunal', 'Parth', 'Mehul', 'Ketan', 'Rajesh'],
    female: ['Hetal', 'Krupa', 'Falguni', 'Nidhi', 'Bhavna', 'Dhara', 'Khushbu', 'Mansi', 'Payal', 'Riddhi', 'Jinal'],
    surnames: ['Patel', 'Shah', 'Mehta', 'Desai', 'Parikh', 'Trivedi', 'Vyas', 'Bhatt', 'Joshi', 'Modi', 'Gandhi', 'Thakkar', 'Soni', 'Dave'],
    cities: ['Ahmedabad', 'Surat', 'Vadodara', 'Rajkot', 'Bhavnagar', 'Mumbai'],
  },
  {
    weight: 17,
    male: ['Sachin', 'Mahesh', 'Ganesh', 'Sandeep', 'Prashant', 'Amol', 'Tushar', 'Nitin', 'Rohan', 'Siddharth', 'Omkar', 'Vinayak', 'Yash', 'Mangesh'],
    female: ['Madhuri', 'Pallavi', 'Rupali', 'Sneha', 'Tanvi', 'Manisha', 'Ashwini', 'Prajakta', 'Gauri', 'Mrunal', 'Shraddha', 'Vaishali'],
    surnames: ['Kulkarni', 'Deshpande', 'Patil', 'Pawar', 'Jadhav', 'Shinde', 'Naik', 'Deshmukh', 'Gokhale', 'Joshi', 'Bhosale', 'Kale', 'More', 'Sawant', 'Gaikwad'],
    cities: ['Mumbai', 'Mumbai', 'Pune', 'Pune', 'Thane', 'Nagpur', 'Nashik', 'Aurangabad', 'Kolhapur', 'Navi Mumbai'],
  },
  {
    weight: 20,
    male: ['Venkatesh', 'Srinivas', 'Karthik', 'Pradeep', 'Arvind', 'Murali', 'Subramanian', 'Raghav', 'Naveen', 'Harish', 'Girish', 'Balaji', 'Suresh', 'Ramesh', 'Prasad', 'Vignesh', 'Anand', 'Rajiv'],
    female: ['Lakshmi', 'Revathi', 'Lavanya', 'Bhavana', 'Sowmya', 'Nandini', 'Pavithra', 'Radhika', 'Divya', 'Deepa', 'Meera', 'Kavya', 'Aishwarya', 'Sangeetha', 'Anusha'],
    surnames: ['Reddy', 'Rao', 'Naidu', 'Iyer', 'Iyengar', 'Nair', 'Menon', 'Pillai', 'Kurup', 'Krishnan', 'Subramaniam', 'Venkataraman', 'Gowda', 'Hegde', 'Shetty', 'Murthy', 'Chettiar'],
    cities: ['Chennai', 'Bengaluru', 'Bengaluru', 'Hyderabad', 'Coimbatore', 'Madurai', 'Kochi', 'Thiruvananthapuram', 'Mysuru', 'Vijayawada', 'Visakhapatnam', 'Mangaluru'],
  },
  {
    weight: 7,
    male: ['Sourav', 'Arnab', 'Debashish', 'Subhash', 'Indranil', 'Partha', 'Abhijit', 'Sayan', 'Tanmoy', 'Anirban'],
    female: ['Moumita', 'Sudeshna', 'Paromita', 'Rituparna', 'Tanushree', 'Sreya', 'Ankita', 'Debjani'],
    surnames: ['Banerjee', 'Chatterjee', 'Mukherjee', 'Das', 'Bose', 'Ghosh', 'Sen', 'Dutta', 'Roy', 'Chakraborty', 'Sarkar', 'Basu'],
    cities: ['Kolkata', 'Kolkata', 'Howrah', 'Durgapur', 'Siliguri', 'Asansol'],
  },
  {
    weight: 7,
    male: ['Imran', 'Farhan', 'Salman', 'Arif', 'Javed', 'Aamir', 'Faisal', 'Irfan', 'Zaheer', 'Sameer'],
    female: ['Fatima', 'Ayesha', 'Zoya', 'Nazia', 'Sana', 'Rubina', 'Shabana', 'Heena'],
    surnames: ['Khan', 'Qureshi', 'Sheikh', 'Ansari', 'Siddiqui', 'Pathan', 'Syed', 'Mirza', 'Shaikh', 'Rizvi'],
    cities: ['Hyderabad', 'Lucknow', 'Mumbai', 'Delhi', 'Bhopal', 'Aligarh', 'Moradabad'],
  },
  {
    weight: 3,
    male: ['Joseph', 'Thomas', 'George', 'Francis', 'Anthony', 'Jacob', 'Sebastian', 'Lawrence'],
    female: ['Mary', 'Sarah', 'Teresa', 'Rose', 'Anita', 'Celina', 'Joanna'],
    surnames: ["D'Souza", 'Fernandes', 'Pereira', 'Thomas', 'Mathew', 'Rodrigues', 'Dsilva', 'Kurian', 'Varghese'],
    cities: ['Kochi', 'Panaji', 'Mumbai', 'Chennai', 'Mangaluru', 'Kottayam'],
  },
];
const COMMUNITY_WEIGHTS = COMMUNITIES.map((c, i) => [i, c.weight] as const);

export type Person = { first: string; last: string; name: string; city: string };

export function person(rng: Rng): Person {
  const c = COMMUNITIES[rng.weighted(COMMUNITY_WEIGHTS)]!;
  const first = rng.chance(0.55) ? rng.pick(c.male) : rng.pick(c.female);
  const last = rng.pick(c.surnames);
  return { first, last, name: `${first} ${last}`, city: rng.pick(c.cities) };
}

const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.in', 'rediffmail.com', 'outlook.com', 'hotmail.com'];
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export function personalEmail(p: Person, rng: Rng): string {
  return `${slug(p.first)}.${slug(p.last)}${rng.chance(0.6) ? rng.int(1, 999) : ''}@${rng.pick(MAIL_DOMAINS)}`;
}

const COMPANY_PREFIXES = [
  'Shree Ganesh', 'Shri Balaji', 'Om Sai', 'Jai Ambe', 'Mahalaxmi', 'Annapurna', 'Sai Krupa', 'Siddhivinayak', 'Kohinoor', 'Navrang',
  'Royal', 'Surya', 'Chandra', 'Sagar', 'Ganga', 'Kaveri', 'Himalaya', 'Nilgiri', 'Rajdhani', 'Deccan', 'Malabar', 'Kashmir',
  'Rajasthan', 'Sona', 'Moti', 'Heera', 'Kesar', 'Tulsi', 'Chandan', 'Indus', 'Vedic', 'Swadeshi', 'Bharat', 'Hindustan', 'Lotus',
  'Peacock', 'Utsav', 'Rangoli', 'Kalash', 'Amrit', 'Triveni', 'Shubh Labh', 'Vrindavan', 'Sahyadri', 'Konark', 'Ajanta',
];
const TRADES = [
  'Textiles', 'Handlooms', 'Silk Sarees', 'Block Prints', 'Jewellers', 'Handicrafts', 'Furnishings', 'Home Decor', 'Ayurveda', 'Spices',
  'Organic Foods', 'Kitchenware', 'Brassware', 'Leather Goods', 'Footwear', 'Garments', 'Fabrics', 'Carpets', 'Pottery', 'Toys',
  'Electronics', 'Agro Products', 'Herbal Care', 'Tea Company', 'Dry Fruits', 'Pickles', 'Bamboo Crafts', 'Marble Art', 'Woodcraft', 'Pashmina',
];
const LEGAL_SUFFIXES = ['Pvt. Ltd.', 'Pvt. Ltd.', 'Pvt. Ltd.', 'LLP', '& Co.', 'Enterprises', 'Industries', 'Exports'];

export type Company = { name: string; legalName: string; email: string; city: string; contact: Person };

/** A company name not used before (`used` is updated). */
export function company(rng: Rng, used: Set<string>): Company {
  const contact = person(rng);
  for (let attempt = 0; ; attempt++) {
    const stem = rng.chance(0.6) ? rng.pick(COMPANY_PREFIXES) : contact.last;
    let name = `${stem} ${rng.pick(TRADES)}`;
    if (used.has(name) || attempt > 3) name = `${name}, ${contact.city}`;
    if (used.has(name)) continue;
    used.add(name);
    const suffix = rng.pick(LEGAL_SUFFIXES);
    return {
      name,
      legalName: `${name.replace(/, .*$/, '')} ${suffix}`,
      email: `${rng.pick(['sales', 'info', 'contact', 'accounts'])}@${slug(name).slice(0, 24)}.in`,
      city: contact.city,
      contact,
    };
  }
}

/** A valid, unused Indian mobile in E.164 (+91, ten digits starting 6–9), checked by the app's own normaliser. */
export function mobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const digits = `${rng.int(6, 9)}${rng.int(0, 999_999_999).toString().padStart(9, '0')}`;
    const e164 = normalisePhone(`+91${digits}`);
    if (e164 && !used.has(e164)) {
      used.add(e164);
      return e164;
    }
  }
}

// ---------------------------------------------------------------- notes

const BUSY_NOTES = [
  'Visitor was busy at another stall; call back in the evening.',
  'Asked to call after Diwali.',
  'Will discuss with business partner and revert.',
  'Did not pick up; left a WhatsApp message.',
  'Busy with customers, asked to meet tomorrow.',
  'Out of station till next week.',
  'Asked us to send the brochure on WhatsApp first.',
  'Decision maker is the elder brother; will call back.',
];
const INTERESTED_NOTES = [
  'Interested in a corner stall near the entrance.',
  'Wants two adjacent stalls; asked for a combined rate.',
  'Asked for the floor plan and last year’s footfall.',
  'Comparing with other venues’ rates; follow up with an offer.',
  'Wants a stall near the food court.',
  'Asked about power backup and extra lighting.',
  'Needs a GST invoice in the company name.',
  'Liked the hall; budget around ₹60,000.',
  'Will confirm after the trade association meeting.',
  'Asked for an early-bird discount.',
];
const PAYMENT_MODES = ['UPI', 'NEFT', 'cheque', 'cash', 'RTGS', 'UPI'];
const CANCEL_REASONS = ['Family emergency.', 'Stock not ready in time.', 'Moved to another exhibition.', 'Budget cut this season.'];

// ---------------------------------------------------------------- rows

/** Insert shapes of the seeded tables, as the schema defines them (so a renamed column fails to compile). */
export type SeedRows = {
  users: NewUser;
  location_mngt: typeof locations.$inferInsert;
  location_mngt_table_details: typeof stalls.$inferInsert;
  contacts: NewContact;
  campaigns: typeof campaigns.$inferInsert;
  campaign_recipients: typeof campaignRecipients.$inferInsert;
  follow_ups: NewFollowUp;
  conversations: NewConversation;
  bookings: NewBooking;
};
export type SeedTable = keyof SeedRows;

/** Columns the generator fills, per table, in INSERT order. Unset values become NULL. */
export const SEED_COLUMNS: { [T in SeedTable]: (keyof SeedRows[T] & string)[] } = {
  users: ['id', 'name', 'email', 'password', 'role', 'active', 'created_at', 'updated_at'],
  location_mngt: ['id', 'loc_name', 'address', 'event_start_date', 'event_end_date', 'created_at', 'updated_at'],
  location_mngt_table_details: ['id', 'location_mngt_id', 'table_name', 'price', 'created_at', 'updated_at'],
  contacts: ['id', 'type', 'name', 'company_name', 'phone', 'email', 'city', 'created_at', 'updated_at'],
  campaigns: ['id', 'name', 'channel', 'message', 'status', 'sent_at', 'created_by', 'created_at', 'updated_at'],
  campaign_recipients: ['id', 'campaign_id', 'contact_id', 'phone', 'name', 'status', 'sent_at', 'error', 'created_at', 'updated_at'],
  follow_ups: ['id', 'phone', 'exhibitor_id', 'visitor_id', 'location_id', 'table_id', 'campaign_id', 'conversation_id', 'status', 'next_followup_date', 'next_followup_time', 'comment', 'employee_id', 'created_at', 'updated_at'],
  conversations: ['id', 'exhibitor_id', 'visitor_id', 'visitor_phone', 'employee_id', 'location_id', 'table_id', 'campaign_id', 'outcome', 'kind', 'notes', 'conversation_date', 'follow_up_id', 'booking_id', 'created_at', 'updated_at'],
  bookings: ['id', 'phone', 'booking_date', 'booking_location', 'table_no', 'price', 'amount_status', 'amount_paid', 'employee_id', 'exhibitor_id', 'visitor_id', 'location_id', 'table_id', 'campaign_id', 'conversation_id', 'cancelled_at', 'created_at', 'updated_at'],
};

/** Parents before children, for readers of the log; with FK checks off during the load the order does not matter. */
export const SEED_TABLES: SeedTable[] = ['users', 'location_mngt', 'location_mngt_table_details', 'contacts', 'campaigns', 'campaign_recipients', 'follow_ups', 'conversations', 'bookings'];

const SAFE = /^[\w .,:+@&()/-]*$/;

/** One SQL literal. Dates are UTC (the sessions speak +00:00). */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return SAFE.test(v) ? `'${v}'` : escape(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return `'${v.toISOString().slice(0, 19).replace('T', ' ')}'`;
  throw new Error(`Cannot write ${typeof v} as SQL`);
}

/** `(v1, v2, …)` for one row, in SEED_COLUMNS order. */
export function sqlTuple<T extends SeedTable>(table: T, row: SeedRows[T]): string {
  const cols = SEED_COLUMNS[table];
  const parts = new Array<string>(cols.length);
  for (let i = 0; i < cols.length; i++) parts[i] = sqlLiteral(row[cols[i]!]);
  return `(${parts.join(',')})`;
}

export function insertStatement(table: SeedTable, tuples: string[]): string {
  return `INSERT INTO \`${table}\` (${SEED_COLUMNS[table].map((c) => `\`${c}\``).join(',')}) VALUES ${tuples.join(',')}`;
}

/** Runs one SQL statement and returns its rows (select) — both seeders adapt their connection to this. */
export type RunSql = (statement: string) => Promise<unknown[]>;

/**
 * Counts rows whose foreign key points nowhere, for every foreign key of the
 * schema (read from information_schema). The seeders load with
 * foreign_key_checks off, so this is their proof that the links hold.
 */
export async function findOrphans(run: RunSql, parallel: RunSql[] = [run]): Promise<{ fk: string; orphans: number }[]> {
  const fks = (await run(
    `SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS child, COLUMN_NAME AS col, REFERENCED_TABLE_NAME AS parent, REFERENCED_COLUMN_NAME AS ref
     FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME`,
  )) as { name: string; child: string; col: string; parent: string; ref: string }[];
  const results: { fk: string; orphans: number }[] = [];
  let next = 0;
  await Promise.all(
    parallel.map(async (exec) => {
      while (next < fks.length) {
        const fk = fks[next++]!;
        const [row] = (await exec(
          `SELECT COUNT(*) AS n FROM \`${fk.child}\` c LEFT JOIN \`${fk.parent}\` p ON p.\`${fk.ref}\` = c.\`${fk.col}\` WHERE c.\`${fk.col}\` IS NOT NULL AND p.\`${fk.ref}\` IS NULL`,
        )) as { n: number | string }[];
        results.push({ fk: fk.name, orphans: Number(row?.n ?? 0) });
      }
    }),
  );
  return results.filter((r) => r.orphans > 0);
}

/** The next free auto-increment ids (the generator writes explicit ids, so its links are known before insert). */
export async function nextIds(run: RunSql): Promise<NonNullable<WorldSpec['firstIds']>> {
  const [row] = (await run(
    `SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM location_mngt) AS location,
            (SELECT COALESCE(MAX(id), 0) + 1 FROM location_mngt_table_details) AS stall,
            (SELECT COALESCE(MAX(id), 0) + 1 FROM campaign_recipients) AS recipient,
            (SELECT COALESCE(MAX(id), 0) + 1 FROM follow_ups) AS followUp`,
  )) as Record<'location' | 'stall' | 'recipient' | 'followUp', number | string>[];
  if (!row) throw new Error('Could not read the next ids');
  return { location: Number(row.location), stall: Number(row.stall), recipient: Number(row.recipient), followUp: Number(row.followUp) };
}

// ---------------------------------------------------------------- the world

export type LocationSpec = {
  name: string;
  address: string;
  /** First exhibition day, YYYY-MM-DD. */
  eventStart: string;
  eventDays: number;
  stalls: { name: string; price: string }[];
};

export type CampaignSpec = {
  name: string;
  channel: 'whatsapp' | 'sms' | 'email';
  message: string;
  status: 'sent' | 'sending';
  sentAt: number;
  recipients: number;
};

export type WorldSpec = {
  seed: number;
  /** No generated moment is later than this (ms, whole seconds). */
  now: number;
  /** First booth talk. */
  from: number;
  passwordHash: string;
  users: { name: string; email: string; role: Role }[];
  locations: LocationSpec[];
  exhibitors: number;
  /** Zipf exponent of leads per exhibitor: a few big companies, a long tail. */
  exhibitorSkew: number;
  visitors: number;
  /**
   * Visitors entered twice by an old spreadsheet (issue 11's duplicates page): half share another
   * visitor's phone, half another visitor's email. No leads; they wait to be merged.
   */
  duplicateVisitors?: number;
  campaigns: CampaignSpec[];
  leads: number;
  /** Exactly this many leads materialise into a booking. */
  materialised: number;
  /** Share of leads that start from a campaign message (then attributed by the 30-day rule, like any lead). */
  campaignLeadShare: number;
  /** Weights of 1, 2 and 3 talks per lead. */
  talkWeights: readonly [number, number, number];
  cancelledShare: number;
  /** Exact number of conversations: later payments fill the gap. Unset: 0–2 payments per booking at random. */
  conversations?: number;
  /** First auto-increment ids to use (tables may not be empty of them). */
  firstIds?: { location: number; stall: number; recipient: number; followUp: number };
};

export type Emit = <T extends SeedTable>(table: T, row: SeedRows[T]) => void | Promise<void>;

/**
 * What a conversation row tells only in prose, for a writer that replays the
 * history through the write services (the demo): the amount paid at a sale,
 * a later payment and how it was paid, why a booking was cancelled.
 */
export type HistoryDetail = { kind: 'sale'; paid: string } | { kind: 'payment'; amount: string; mode: string } | { kind: 'cancellation'; reason: string };
export type Describe = (conversationId: string, detail: HistoryDetail) => void;

const SENT = 1;
const FAILED = 2;
const PENDING = 0;
const RECIPIENT_STATUS = ['pending', 'sent', 'failed'] as const;
const FAIL_REASONS: Record<CampaignSpec['channel'], string[]> = {
  whatsapp: ['Number is not on WhatsApp', 'Message undeliverable', 'User blocked the business number'],
  sms: ['DND registered number', 'Handset switched off (expired)', 'Invalid number'],
  email: ['Mailbox unavailable', 'No email address on record', 'Rejected as spam'],
};
const FOLLOW_UP_TIMES = ['10:30:00', '11:00:00', '12:00:00', '14:30:00', '16:00:00', '17:30:00', '18:00:00'];

const money = (paise: number) => fromPaise(BigInt(paise));
/** Rounded to ₹500 (amounts are integer paise; integers are exact in a JS number). */
const round500 = (paise: number) => Math.round(paise / 50_000) * 50_000;

/**
 * Generates the whole world and hands each row to `emit`, in an order that
 * keeps ids ascending in time. Rows are complete (both-way links included), so
 * the writer loads with foreign-key checks off and proves the links after.
 */
export async function generateWorld(spec: WorldSpec, emit: Emit, describe?: Describe): Promise<Record<SeedTable, number>> {
  const rng = new Rng(spec.seed);
  const idPrng = mulberry32(spec.seed ^ 0x5bd1e995);
  const newId = (ms: number) => ulid(ms, idPrng);
  const counts = Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as Record<SeedTable, number>;
  const out = async <T extends SeedTable>(table: T, row: SeedRows[T]) => {
    counts[table]++;
    const pending = emit(table, row);
    if (pending) await pending;
  };
  const { now } = spec;
  const first = { location: 1, stall: 1, recipient: 1, followUp: 1, ...spec.firstIds };
  const setupAt = wholeSecond(spec.from - 120 * DAY);

  // Users: fixed logins first; employees (and the managers, now and then) record talks.
  const userIds: string[] = [];
  for (const u of spec.users) {
    const id = newId(setupAt);
    userIds.push(id);
    await out('users', { id, name: u.name, email: u.email, password: spec.passwordHash, role: u.role, active: true, created_at: new Date(setupAt), updated_at: new Date(setupAt) });
  }
  const adminId = userIds[spec.users.findIndex((u) => u.role === 'admin')] ?? userIds[0]!;
  const recorders = new WeightedIndex(spec.users.map((u) => (u.role === 'employee' ? 10 : u.role === 'manager' ? 2 : 0)));

  // Locations and their stalls; a pool of free (stall, day) slots per location.
  type Loc = { id: number; name: string; start: number; days: number; stallIds: number[]; stallNames: string[]; stallPrices: number[]; free: Int32Array; freeCount: number };
  const locs: Loc[] = [];
  let stallId = first.stall;
  for (const [i, l] of spec.locations.entries()) {
    const id = first.location + i;
    const start = dateMs(l.eventStart);
    const created = wholeSecond(Math.min(setupAt, start - 150 * DAY));
    await out('location_mngt', { id, loc_name: l.name, address: l.address, event_start_date: l.eventStart, event_end_date: isoDate(start + (l.eventDays - 1) * DAY), created_at: new Date(created), updated_at: new Date(created) });
    const loc: Loc = { id, name: l.name, start, days: l.eventDays, stallIds: [], stallNames: [], stallPrices: [], free: new Int32Array(l.stalls.length * l.eventDays), freeCount: l.stalls.length * l.eventDays };
    for (const s of l.stalls) {
      loc.stallIds.push(stallId);
      loc.stallNames.push(s.name);
      loc.stallPrices.push(Number(toPaise(s.price)));
      await out('location_mngt_table_details', { id: stallId++, location_mngt_id: id, table_name: s.name, price: s.price, created_at: new Date(created), updated_at: new Date(created) });
    }
    for (let k = 0; k < loc.free.length; k++) loc.free[k] = k;
    locs.push(loc);
  }
  const locsByStart = [...locs].sort((a, b) => a.start - b.start);

  // Contacts: exhibitor companies, then visitors, created (imported) before the first talk.
  const phones = new Set<string>();
  const companies = new Set<string>();
  const contactsFrom = spec.from - 90 * DAY;
  const contactStep = (80 * DAY) / (spec.exhibitors + spec.visitors);
  let contactAt = contactsFrom;
  const exhibitorIds: string[] = [];
  for (let i = 0; i < spec.exhibitors; i++) {
    const c = company(rng, companies);
    const at = new Date(wholeSecond((contactAt += contactStep)));
    const id = newId(at.getTime());
    exhibitorIds.push(id);
    await out('contacts', { id, type: 'exhibitor', name: c.name, company_name: c.legalName, phone: mobile(rng, phones), email: c.email, city: c.city, created_at: at, updated_at: at });
  }
  const visitorIds = new Array<string>(spec.visitors);
  const visitorPhones = new Array<string>(spec.visitors);
  const visitorNames = new Array<string>(spec.visitors);
  const visitorEmails = new Array<string | null>(spec.visitors);
  for (let v = 0; v < spec.visitors; v++) {
    const p = person(rng);
    const at = new Date(wholeSecond((contactAt += contactStep)));
    const id = newId(at.getTime());
    const phone = mobile(rng, phones);
    visitorIds[v] = id;
    visitorPhones[v] = phone;
    visitorNames[v] = p.name;
    await out('contacts', {
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
  // Duplicates, spread evenly over the visitors and drawn without the generator, so the rest of the
  // world is the same with or without them.
  const duplicates = spec.duplicateVisitors ?? 0;
  for (let d = 0; d < duplicates; d++) {
    let v = Math.floor(((d + 1) * spec.visitors) / (duplicates + 1));
    const byEmail = d % 2 === 1;
    if (byEmail) while (!visitorEmails[v] && v < spec.visitors - 1) v++;
    const at = new Date(wholeSecond((contactAt += contactStep)));
    let phone = visitorPhones[v]!;
    if (byEmail) {
      // Another number of the same person: the original's with its last digits counted up.
      let n = BigInt(phone.slice(1));
      do n++;
      while (phones.has(`+${n}`));
      phone = `+${n}`;
      phones.add(phone);
    }
    const name = visitorNames[v]!;
    await out('contacts', { id: newId(at.getTime()), type: 'visitor', name: byEmail ? name.toUpperCase() : name.replace(/^(\S)\S*/, '$1.'), phone, email: visitorEmails[v] ?? null, city: null, created_at: at, updated_at: at });
  }

  // Campaigns and recipients. Each campaign messages distinct visitors: j → (a·j + b) mod V is a permutation when gcd(a, V) = 1.
  const V = spec.visitors;
  const totalRecipients = spec.campaigns.reduce((s, c) => s + c.recipients, 0);
  const recVisitor = new Int32Array(totalRecipients);
  const recCampaign = new Int32Array(totalRecipients);
  const recStatus = new Uint8Array(totalRecipients);
  const recSentAt = new Float64Array(totalRecipients);
  const campaignIds: string[] = [];
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  let r = 0;
  for (const [ci, c] of spec.campaigns.entries()) {
    if (c.recipients > V) throw new Error(`Campaign "${c.name}" has more recipients than there are visitors`);
    const createdAt = wholeSecond(c.sentAt - rng.int(1, 5) * DAY);
    const id = newId(createdAt);
    campaignIds.push(id);
    await out('campaigns', { id, name: c.name, channel: c.channel, message: c.message, status: c.status, sent_at: new Date(c.sentAt), created_by: adminId, created_at: new Date(createdAt), updated_at: new Date(c.sentAt) });
    let a = rng.int(1, Math.max(1, V - 1));
    while (gcd(a, V) !== 1) a++;
    const b = rng.int(0, V - 1);
    const sendable = c.status === 'sent' ? c.recipients : Math.floor(c.recipients * 0.7);
    for (let j = 0; j < c.recipients; j++, r++) {
      const v = (a * j + b) % V;
      const status = j >= sendable ? PENDING : rng.chance(0.05) ? FAILED : rng.chance(0.02) ? PENDING : SENT;
      // A gateway sends about 25 messages a second.
      const sentAt = status === SENT ? c.sentAt + Math.floor(j / 25) * 1000 : 0;
      recVisitor[r] = v;
      recCampaign[r] = ci;
      recStatus[r] = status;
      recSentAt[r] = sentAt;
      await out('campaign_recipients', {
        id: first.recipient + r,
        campaign_id: id,
        contact_id: visitorIds[v],
        phone: visitorPhones[v]!,
        name: visitorNames[v],
        status: RECIPIENT_STATUS[status]!,
        sent_at: status === SENT ? new Date(sentAt) : null,
        error: status === FAILED ? rng.pick(FAIL_REASONS[c.channel]) : null,
        created_at: new Date(createdAt),
        updated_at: new Date(status === SENT ? sentAt : c.sentAt),
      });
    }
  }
  // Per visitor, the recipient rows that reached them (CSR layout), for attribution.
  const sendStart = new Int32Array(V + 1);
  for (let k = 0; k < totalRecipients; k++) if (recStatus[k] === SENT) sendStart[recVisitor[k]! + 1]!++;
  for (let v = 0; v < V; v++) sendStart[v + 1]! += sendStart[v]!;
  const sends = new Int32Array(sendStart[V]!);
  const fill = sendStart.slice(0, V);
  for (let k = 0; k < totalRecipients; k++) if (recStatus[k] === SENT) sends[fill[recVisitor[k]!]!++] = k;

  /** The app's rule (db/queries/attribution.ts): the latest 'sent' message within 30 days before `at`; ties by campaign id. */
  const attribute = (v: number, at: number): number => {
    let best = -1;
    let bestAt = -1;
    for (let k = sendStart[v]!; k < sendStart[v + 1]!; k++) {
      const rec = sends[k]!;
      const s = recSentAt[rec]!;
      if (s < at - ATTRIBUTION_WINDOW_MS || s > at) continue;
      const c = recCampaign[rec]!;
      if (s > bestAt || (s === bestAt && campaignIds[c]! < campaignIds[best]!)) {
        best = c;
        bestAt = s;
      }
    }
    return best;
  };

  // Lead skeletons: who, with which company, when.
  const L = spec.leads;
  const leadExhibitor = new Int32Array(L);
  const leadVisitor = new Int32Array(L);
  const leadTalks = new Uint8Array(L);
  const talkAt = new Float64Array(L * 3);
  const exhibitorRank = rng.shuffle(Array.from({ length: spec.exhibitors }, (_, i) => i));
  const exhibitorPick = new WeightedIndex(exhibitorRank.map((_, rank) => 1 / Math.pow(rank + 1, spec.exhibitorSkew)));
  const pairs = new Set<number>();
  const lastDay = startOfUtcDay(now) - DAY;
  for (let i = 0; i < L; i++) {
    let v = -1;
    let day = 0;
    if (totalRecipients && rng.chance(spec.campaignLeadShare)) {
      const rec = rng.int(0, totalRecipients - 1);
      const reached = recSentAt[rec]! + 12 * 3600_000;
      if (recStatus[rec] === SENT && reached <= lastDay) {
        v = recVisitor[rec]!;
        day = Math.min(lastDay, reached + Math.floor(rng.between(0, 27)) * DAY);
      }
    }
    if (v < 0) {
      v = rng.int(0, V - 1);
      day = rng.between(spec.from, lastDay);
    }
    // One lead per (company, visitor): the open-lead invariant holds by construction.
    let e = exhibitorRank[exhibitorPick.pick(rng)]!;
    for (let tries = 0; pairs.has(e * V + v); tries++) {
      if (tries > 20) v = rng.int(0, V - 1);
      e = exhibitorRank[exhibitorPick.pick(rng)]!;
    }
    pairs.add(e * V + v);
    leadExhibitor[i] = e;
    leadVisitor[i] = v;
    let t = boothTime(day, rng);
    talkAt[i * 3] = t;
    let n = 1;
    const want = rng.weighted([[1, spec.talkWeights[0]], [2, spec.talkWeights[1]], [3, spec.talkWeights[2]]] as const);
    while (n < want) {
      const next = boothTime(t + rng.int(1, 20) * DAY, rng);
      if (next > now) break;
      talkAt[i * 3 + n++] = t = next;
    }
    leadTalks[i] = n;
  }

  // Which leads materialise (exactly spec.materialised), paid how, with how many later payments and cancellations.
  const order = Array.from({ length: L }, (_, i) => i).sort((x, y) => talkAt[x * 3]! - talkAt[y * 3]! || x - y);
  const materialised = new Uint8Array(L);
  for (const i of rng.shuffle(Array.from({ length: L }, (_, k) => k)).slice(0, spec.materialised)) materialised[i] = 1;
  const lastTalk = (i: number) => talkAt[i * 3 + leadTalks[i]! - 1]!;
  const PAY_UNPAID = 0;
  const PAY_PARTIAL = 1;
  const PAY_FULL = 2;
  const payKind = new Uint8Array(L);
  const payments = new Uint8Array(L);
  const cancelled = new Uint8Array(L);
  let talks = 0;
  for (let i = 0; i < L; i++) talks += leadTalks[i]!;
  const eligible: number[] = [];
  for (let i = 0; i < L; i++) {
    if (!materialised[i]) continue;
    payKind[i] = rng.weighted([[PAY_UNPAID, 15], [PAY_PARTIAL, 35], [PAY_FULL, 50]] as const);
    if (now - lastTalk(i) >= 3 * DAY && rng.chance(spec.cancelledShare)) cancelled[i] = 1;
    if (payKind[i] !== PAY_UNPAID && now - lastTalk(i) >= 2 * DAY) eligible.push(i);
  }
  let cancellations = 0;
  for (let i = 0; i < L; i++) cancellations += cancelled[i]!;
  if (spec.conversations !== undefined) {
    let left = spec.conversations - talks - cancellations;
    if (left < 0 || left > eligible.length * 3) throw new Error(`Cannot reach ${spec.conversations} conversations: ${talks} talks, room for ${eligible.length * 3} payments`);
    rng.shuffle(eligible);
    // Round-robin: every eligible booking gets one payment before any gets a second.
    for (let k = 0; left > 0; k = (k + 1) % eligible.length, left--) payments[eligible[k]!]!++;
  } else {
    for (const i of eligible) payments[i] = rng.weighted([[0, 50], [1, 35], [2, 15]] as const);
  }

  /** A location whose exhibition comes after `at`, among the next two with room; else the nearest with room. */
  const chooseLocation = (at: number, needsRoom: boolean): Loc => {
    const hasRoom = (l: Loc) => !needsRoom || l.freeCount > 0;
    const upcoming = locsByStart.filter((l) => l.start > at + DAY && hasRoom(l)).slice(0, 2);
    if (upcoming.length) return rng.pick(upcoming);
    const any = locsByStart.filter(hasRoom);
    if (!any.length) throw new Error('Not enough stall-days for the bookings: add stalls or event days');
    return any.reduce((best, l) => (Math.abs(l.start - at) < Math.abs(best.start - at) ? l : best));
  };

  let followUpId = first.followUp;
  for (const i of order) {
    const e = leadExhibitor[i]!;
    const v = leadVisitor[i]!;
    const n = leadTalks[i]!;
    const exhibitorId = exhibitorIds[e]!;
    const visitorId = visitorIds[v]!;
    const phone = visitorPhones[v]!;
    const t0 = talkAt[i * 3]!;
    const tm = lastTalk(i);
    const c = attribute(v, t0);
    const campaignId = c >= 0 ? campaignIds[c]! : null;
    const isSale = materialised[i] === 1;
    const status = isSale ? 'materialised' : rng.chance(0.35) ? 'busy' : 'interested';
    const id = followUpId++;

    // The stall talked about; for a sale, a free (stall, day) of an exhibition after the sale.
    const loc = chooseLocation(isSale ? tm : t0, isSale);
    let stallIdx: number;
    let bookingDay = 0;
    if (isSale) {
      const k = rng.int(0, loc.freeCount - 1);
      const slot = loc.free[k]!;
      loc.free[k] = loc.free[--loc.freeCount]!;
      stallIdx = Math.floor(slot / loc.days);
      bookingDay = loc.start + (slot % loc.days) * DAY;
    } else stallIdx = rng.int(0, loc.stallIds.length - 1);
    const tableId = loc.stallIds[stallIdx]!;
    const stallName = loc.stallNames[stallIdx]!;

    // The booking's money, decided up front so the sale talk and later payments can tell it.
    const bookingId = isSale ? newId(tm) : null;
    const listPrice = loc.stallPrices[stallIdx]!;
    const price = isSale && rng.chance(0.4) ? listPrice - round500(listPrice * rng.between(0.03, 0.12)) : listPrice;
    const paid = payKind[i] === PAY_FULL ? price : payKind[i] === PAY_PARTIAL ? Math.min(price - 50_000, Math.max(50_000, round500(price * rng.between(0.2, 0.8)))) : 0;
    const k = payments[i]!;
    // Split `paid` into the amount at the sale (nothing, sometimes, when payments follow) and k later payments of at least ₹500.
    const installments: number[] = [];
    if (isSale && paid > 0) {
      const room = paid - k * 50_000;
      const initial = k === 0 ? paid : rng.chance(0.3) ? 0 : Math.min(room, Math.max(50_000, round500(paid * rng.between(0.2, 0.6))));
      installments.push(initial);
      let left = paid - initial;
      for (let p = 0; p < k; p++) {
        const after = k - 1 - p;
        const amount = after === 0 ? left : Math.min(left - after * 50_000, Math.max(50_000, round500(left * rng.between(0.3, 0.7))));
        installments.push(amount);
        left -= amount;
      }
    }
    const paidAtSale = installments[0] ?? 0;

    // Talks: the lead's owner mostly, a colleague now and then.
    const owner = userIds[recorders.pick(rng)]!;
    let lastConversationId = '';
    let lastNotes = '';
    let lastEmployee = owner;
    for (let t = 0; t < n; t++) {
      const at = talkAt[i * 3 + t]!;
      const isLast = t === n - 1;
      const outcome = isLast ? status : rng.chance(0.4) ? 'busy' : 'interested';
      const employee = rng.chance(0.8) ? owner : userIds[recorders.pick(rng)]!;
      const notes =
        outcome === 'materialised'
          ? `Booked ${stallName} for ${isoDate(bookingDay)} at ${formatINR(money(price))}${price < listPrice ? ` (list ${formatINR(money(listPrice))})` : ''}; ${paidAtSale > 0 ? `${formatINR(money(paidAtSale))} paid by ${rng.pick(PAYMENT_MODES)}` : 'payment to follow'}.`
          : rng.pick(outcome === 'busy' ? BUSY_NOTES : INTERESTED_NOTES);
      const conversationId = newId(at);
      await out('conversations', {
        id: conversationId,
        exhibitor_id: exhibitorId,
        visitor_id: visitorId,
        visitor_phone: phone,
        employee_id: employee,
        location_id: loc.id,
        table_id: tableId,
        campaign_id: campaignId,
        outcome,
        kind: 'talk',
        notes,
        conversation_date: new Date(at),
        follow_up_id: id,
        booking_id: isLast ? bookingId : null,
        created_at: new Date(at),
        updated_at: new Date(at),
      });
      if (outcome === 'materialised') describe?.(conversationId, { kind: 'sale', paid: money(paidAtSale) });
      lastConversationId = conversationId;
      lastNotes = notes;
      lastEmployee = employee;
    }

    const nextDate = isSale ? null : isoDate(tm + rng.int(2, 10) * DAY);
    await out('follow_ups', {
      id,
      phone,
      exhibitor_id: exhibitorId,
      visitor_id: visitorId,
      location_id: loc.id,
      table_id: tableId,
      campaign_id: campaignId,
      conversation_id: lastConversationId,
      status,
      next_followup_date: nextDate,
      next_followup_time: nextDate ? rng.pick(FOLLOW_UP_TIMES) : null,
      comment: lastNotes,
      employee_id: lastEmployee,
      created_at: new Date(t0),
      updated_at: new Date(tm),
    });

    if (!isSale || !bookingId) continue;
    // Later payments, then perhaps a cancellation, each a timeline entry carrying the booking.
    const span = Math.min(now - tm, 90 * DAY);
    const eventTimes = Array.from({ length: k + cancelled[i]! }, () => tm + rng.between(0.02, 1) * span)
      .map(wholeSecond)
      .sort((x, y) => x - y);
    let cumulative = paidAtSale;
    let updatedAt = tm;
    for (let p = 0; p < k; p++) {
      const at = eventTimes[p]!;
      cumulative += installments[p + 1]!;
      // Drawn in the order the row literal used to draw them, so the data stays the same.
      const paymentId = newId(at);
      const employee = userIds[recorders.pick(rng)]!;
      const mode = rng.pick(PAYMENT_MODES);
      await out('conversations', {
        id: paymentId,
        exhibitor_id: exhibitorId,
        visitor_id: visitorId,
        visitor_phone: phone,
        employee_id: employee,
        location_id: loc.id,
        table_id: tableId,
        campaign_id: campaignId,
        outcome: 'materialised',
        kind: 'payment',
        notes: `Payment of ${formatINR(money(installments[p + 1]!))} received by ${mode}; ${formatINR(money(cumulative))} of ${formatINR(money(price))} paid.`,
        conversation_date: new Date(at),
        follow_up_id: id,
        booking_id: bookingId,
        created_at: new Date(at),
        updated_at: new Date(at),
      });
      describe?.(paymentId, { kind: 'payment', amount: money(installments[p + 1]!), mode });
      updatedAt = at;
    }
    let cancelledAt: Date | null = null;
    if (cancelled[i]) {
      const at = Math.max(eventTimes[k]!, updatedAt + 1000);
      cancelledAt = new Date(at);
      const cancellationId = newId(at);
      const employee = userIds[recorders.pick(rng)]!;
      const reason = rng.pick(CANCEL_REASONS);
      await out('conversations', {
        id: cancellationId,
        exhibitor_id: exhibitorId,
        visitor_id: visitorId,
        visitor_phone: phone,
        employee_id: employee,
        location_id: loc.id,
        table_id: tableId,
        campaign_id: campaignId,
        outcome: 'materialised',
        kind: 'cancellation',
        notes: `Booking cancelled; the stall is free again. ${reason}`,
        conversation_date: cancelledAt,
        follow_up_id: id,
        booking_id: bookingId,
        created_at: cancelledAt,
        updated_at: cancelledAt,
      });
      describe?.(cancellationId, { kind: 'cancellation', reason });
      updatedAt = at;
    }
    await out('bookings', {
      id: bookingId,
      phone,
      booking_date: isoDate(bookingDay),
      booking_location: loc.name,
      table_no: stallName,
      price: money(price),
      amount_status: cumulative === 0 ? 'unpaid' : cumulative < price ? 'partial' : 'paid',
      amount_paid: money(cumulative),
      employee_id: lastEmployee,
      exhibitor_id: exhibitorId,
      visitor_id: visitorId,
      location_id: loc.id,
      table_id: tableId,
      campaign_id: campaignId,
      conversation_id: lastConversationId,
      cancelled_at: cancelledAt,
      created_at: new Date(tm),
      updated_at: new Date(updatedAt),
    });
  }
  return counts;
}
