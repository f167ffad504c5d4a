/**
 * The fields of a company and of a visitor, checked the same way by
 * the add/edit forms, the import preview in the browser and the import on the
 * server. Blank text becomes null; phones become E.164 (invariant 10); emails
 * are lower-cased; a GSTIN must pass its checksum.
 */
import { z } from 'zod';

import type { ContactType } from '@/db/schema/contacts';
import { normaliseGstin } from '@/lib/gstin';
import { normalisePhone } from '@/lib/phone';
import { normalisedBy } from '@/lib/validation';

const blankToNull = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));

const text = (label: string, max: number) =>
  z.preprocess(blankToNull, z.string().max(max, `${label} can be at most ${max} characters.`).nullable());

const requiredName = (label: string) =>
  z.preprocess(
    blankToNull,
    z
      .string(`${label} is required.`)
      .min(1, `${label} is required.`)
      .max(255, `${label} can be at most 255 characters.`),
  );

// A pragmatic address check (what a person types), not RFC 5322: one @, a dot in the domain, no spaces.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() || null : (v ?? null)),
  z.string().max(255, 'Email can be at most 255 characters.').regex(EMAIL_RE, 'Not a valid email address.').nullable(),
);

const phone = (required: boolean) =>
  z.preprocess(
    blankToNull,
    z
      .string(required ? 'Phone is required.' : undefined)
      .max(64, 'Not a valid phone number.')
      .transform(normalisedBy(normalisePhone, 'Not a valid phone number.'))
      [required ? 'nonoptional' : 'nullable'](),
  );

const gstin = z.preprocess(
  blankToNull,
  z
    .string()
    .max(32, 'Not a valid GSTIN.')
    .transform(normalisedBy(normaliseGstin, 'Not a valid GSTIN (15 characters; the last one is a check character).'))
    .nullable(),
);

export const companyFieldsSchema = z.object({
  name: requiredName('Company name'),
  contact_person: text('Contact person', 255),
  phone: phone(false),
  email,
  city: text('City', 255),
  address: text('Address', 1000),
  gstin,
  notes: text('Notes', 5000),
});

export const visitorFieldsSchema = z.object({
  name: requiredName('Name'),
  phone: phone(true),
  email,
  city: text('City', 255),
  company_name: text('Company name', 255),
});

export type CompanyFields = z.output<typeof companyFieldsSchema>;
export type VisitorFields = z.output<typeof visitorFieldsSchema>;
export type ContactFields = CompanyFields | VisitorFields;

/** The editable fields of each type, in form and CSV order. */
export const CONTACT_FIELDS = {
  exhibitor: ['name', 'contact_person', 'phone', 'email', 'city', 'address', 'gstin', 'notes'],
  visitor: ['name', 'phone', 'email', 'city', 'company_name'],
} as const satisfies Record<ContactType, readonly string[]>;

export type ContactField = (typeof CONTACT_FIELDS)[ContactType][number];

export const FIELD_LABELS: Record<ContactField, string> = {
  name: 'Name',
  contact_person: 'Contact person',
  phone: 'Phone',
  email: 'Email',
  city: 'City',
  address: 'Address',
  gstin: 'GSTIN',
  notes: 'Notes',
  company_name: 'Company name',
};

export const contactFieldsSchema = (type: ContactType) =>
  type === 'exhibitor' ? companyFieldsSchema : visitorFieldsSchema;
