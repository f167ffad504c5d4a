'use client';

import { addDays, format } from 'date-fns';
import { useEffect, useRef, useState } from 'react';

import { errorAria, FieldError, FormMessage, inputClass } from '@/components/forms/field';
import { useOnceAction } from '@/components/forms/use-once-action';
import { Button } from '@/components/ui/button';
import type { BoothLocation, BoothStall, VisitorLookup } from '@/db/queries/booth';
import { amountStatus, formatINR, fromPaise, parseAmount } from '@/lib/money';
import { normalisePhone } from '@/lib/phone';

import { listLocationStallsAction, lookupVisitorAction, recordEntryAction, searchExhibitorsAction } from './actions';
import { useBoothPrefs } from './booth-prefs';
import { VisitorPanel } from './visitor-panel';

type Outcome = 'busy' | 'interested' | 'materialised';
type EntryData = Awaited<ReturnType<typeof recordEntryAction>>['data'];

const OUTCOMES: { value: Outcome; label: string; hint: string }[] = [
  { value: 'busy', label: 'Busy', hint: 'Talk again later' },
  { value: 'interested', label: 'Interested', hint: 'A warm lead' },
  { value: 'materialised', label: 'Materialised', hint: 'Books a stall' },
];

const OFFLINE =
  'The connection dropped before the server answered. Nothing is lost: tap Save again — the talk will not be recorded twice.';
const STALLS_OFFLINE = 'The stalls of this location could not be loaded: the connection dropped.';

function statusOf(price: string, paid: string): { label: string; tone: string } | null {
  const p = parseAmount(price);
  const a = parseAmount(paid || '0');
  if (p === null || a === null) return null;
  if (a > p)
    return { label: `More than the price — the most that can be paid is ${formatINR(p)}`, tone: 'text-red-700' };
  const status = amountStatus(p, a);
  if (status === 'unpaid') return { label: 'Unpaid', tone: 'text-amber-700' };
  if (status === 'partial') return { label: `Partial — ${formatINR(p - a)} outstanding`, tone: 'text-amber-700' };
  return { label: 'Paid in full', tone: 'text-green-700' };
}

function stallPrompt(location: BoothLocation | null, place: { loading: boolean; error: string | null }) {
  if (!location) return 'Choose a location first';
  if (place.loading) return 'Loading the stalls…';
  if (place.error) return 'The stalls could not be loaded';
  return 'Choose the stall…';
}

function describe(data: NonNullable<EntryData>): string {
  const parts = [
    data.leadCreated ? `New lead #${data.followUpId} opened` : `Lead #${data.followUpId} updated`,
    'talk recorded',
  ];
  if (data.booking) {
    const b = data.booking;
    parts.push(
      `stall ${b.stall} booked for ${format(new Date(`${b.booking_date}T00:00:00`), 'd MMM yyyy')}: ${formatINR(b.amount_paid)} of ${formatINR(b.price)} paid (${b.amount_status})`,
    );
  }
  return `Saved. ${parts.join(', ')}.${data.replayed ? ' (It had already been saved; nothing was written twice.)' : ''}`;
}

/**
 * The stalls of the chosen location: the ones the server rendered, then each
 * other location's fetched once when the employee switches to it (kept for
 * switching back). `stalls` is null while loading or after a failure.
 */
function useLocationStalls(locationId: number | null, rendered: { locationId: number; stalls: BoothStall[] } | null) {
  const [fetched, setFetched] = useState<Record<number, BoothStall[]>>({});
  const [failure, setFailure] = useState<{ locationId: number; message: string } | null>(null);
  const known = (id: number) => (rendered?.locationId === id ? rendered.stalls : fetched[id]);
  const stalls = locationId === null ? null : (known(locationId) ?? null);
  const failed = locationId !== null && failure?.locationId === locationId ? failure.message : null;
  useEffect(() => {
    if (locationId === null || stalls || failed) return;
    let live = true;
    listLocationStallsAction(locationId)
      .then((answer) => {
        if (!live) return;
        if (answer.ok) setFetched((f) => ({ ...f, [locationId]: answer.data }));
        else setFailure({ locationId, message: answer.message });
      })
      .catch(() => {
        if (live) setFailure({ locationId, message: STALLS_OFFLINE });
      });
    return () => {
      live = false;
    };
  }, [locationId, stalls, failed]);
  return {
    stalls,
    loading: locationId !== null && !stalls && !failed,
    error: failed,
    retry: () => setFailure(null),
  };
}

export function BoothForm({
  locations,
  loadedStalls,
  savedLocationId,
  campaigns,
  attributionDays,
  initial,
}: {
  locations: BoothLocation[];
  /** The stalls the server rendered: of the URL's location, else of the tablet's saved one. */
  loadedStalls: { locationId: number; stalls: BoothStall[] } | null;
  /** The location the tablet's cookie named, for the first render before its saved preference is read. */
  savedLocationId: number | null;
  campaigns: { id: string; name: string }[];
  /** The admin's attribution window, for the wording only (the server applies the rule). */
  attributionDays: number;
  initial: {
    exhibitor: { id: string; name: string } | null;
    phone: string;
    locationId: number | null;
    tableId: number | null;
  };
}) {
  const [prefs, setPrefs] = useBoothPrefs(savedLocationId);
  // A link from "My follow-ups" overrides the remembered place and company until the user changes them.
  const [override, setOverride] = useState(initial);
  const locationId = override.locationId ?? prefs.locationId;
  const tableId = override.tableId ?? prefs.tableId;
  const exhibitor = override.exhibitor ?? prefs.exhibitor;
  const location = locations.find((l) => l.id === locationId) ?? null;
  const place = useLocationStalls(location?.id ?? null, loadedStalls);
  const locationStalls = place.stalls ?? [];
  const stall = locationStalls.find((s) => s.id === tableId) ?? null;

  const { state, isPending, run } = useOnceAction(recordEntryAction, resetVisitor, OFFLINE);

  // Company search
  const [companyQuery, setCompanyQuery] = useState('');
  const [companyResults, setCompanyResults] = useState<{ id: string; name: string; city: string | null }[]>([]);
  const [choosingCompany, setChoosingCompany] = useState(false);
  useEffect(() => {
    if (!choosingCompany && exhibitor) return;
    const handle = setTimeout(async () => {
      const answer = await searchExhibitorsAction(companyQuery);
      setCompanyResults(answer.ok ? answer.data : []);
    }, 200);
    return () => clearTimeout(handle);
  }, [companyQuery, choosingCompany, exhibitor]);

  // Visitor
  const [phone, setPhone] = useState(initial.phone);
  const [visitorName, setVisitorName] = useState('');
  const [lookup, setLookup] = useState<VisitorLookup | null>(null);
  const [lookupNonce, setLookupNonce] = useState(0);
  const e164 = normalisePhone(phone);
  useEffect(() => {
    if (!e164) return;
    let live = true;
    const handle = setTimeout(async () => {
      try {
        const r = await lookupVisitorAction({ phone: e164, exhibitorId: exhibitor?.id ?? null });
        if (live && r.ok) setLookup(r.data);
      } catch {
        // Offline: the form still works; the panel fills in when the connection returns.
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(handle);
    };
  }, [e164, exhibitor?.id, lookupNonce]);
  const current = lookup && lookup.phone === e164 ? lookup : null;

  // Talk
  const [campaignChoice, setCampaignChoice] = useState('auto');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [notes, setNotes] = useState('');
  const [nextDate, setNextDate] = useState('');
  const [nextTime, setNextTime] = useState('');

  // Booking
  const defaultBookingDate =
    location?.event_start_date && location.event_start_date >= format(new Date(), 'yyyy-MM-dd')
      ? location.event_start_date
      : format(new Date(), 'yyyy-MM-dd');
  const [bookingDate, setBookingDate] = useState('');
  const [bookingTableId, setBookingTableId] = useState<number | null>(null);
  const [price, setPrice] = useState<string | null>(null);
  const [paid, setPaid] = useState('');
  const bookingStall = locationStalls.find((s) => s.id === (bookingTableId ?? tableId)) ?? null;
  // The picker offers the event's days; the server refuses any other date with the event's dates.
  const eventDays = { min: location?.event_start_date ?? undefined, max: location?.event_end_date ?? undefined };
  const effectivePrice = price ?? bookingStall?.price ?? '';
  const paymentStatus = outcome === 'materialised' ? statusOf(effectivePrice, paid) : null;

  const formRef = useRef<HTMLFormElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  function resetVisitor() {
    setPhone('');
    setVisitorName('');
    setLookup(null);
    setCampaignChoice('auto');
    setOutcome('');
    setNotes('');
    setNextDate('');
    setNextTime('');
    setBookingDate('');
    setBookingTableId(null);
    setPrice(null);
    setPaid('');
    phoneRef.current?.focus();
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(new FormData(event.currentTarget));
  }

  const quickPicks = [
    { label: 'Tomorrow', days: 1 },
    { label: 'In 3 days', days: 3 },
    { label: 'Next week', days: 7 },
  ];

  return (
    <div className="space-y-6">
      {state.ok && state.data ? (
        <p role="status" className="rounded-xl bg-green-50 px-4 py-3 text-green-900 ring-1 ring-green-200">
          {describe(state.data)}
        </p>
      ) : (
        <FormMessage state={state} />
      )}

      <form ref={formRef} onSubmit={submit} className="space-y-6" noValidate aria-label="Record a talk">
        <input type="hidden" name="exhibitor_id" value={exhibitor?.id ?? ''} />
        <input type="hidden" name="location_id" value={locationId ?? ''} />
        <input type="hidden" name="table_id" value={tableId ?? ''} />

        <fieldset className="grid gap-4 rounded-xl bg-white p-4 ring-1 ring-slate-200 md:grid-cols-2">
          <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">Where am I</legend>
          <div className="space-y-1">
            <label htmlFor="booth-location" className="block text-sm font-medium">
              Location
            </label>
            <select
              id="booth-location"
              className={inputClass}
              {...errorAria(state, 'location_id')}
              value={locationId ?? ''}
              onChange={(e) => {
                const id = e.target.value ? Number(e.target.value) : null;
                setOverride((o) => ({ ...o, locationId: null, tableId: null }));
                setPrefs({ locationId: id, tableId: null });
              }}
            >
              <option value="">Choose the location…</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <FieldError state={state} name="location_id" />
          </div>
          <div className="space-y-1">
            <label htmlFor="booth-stall" className="block text-sm font-medium">
              Stall
            </label>
            <select
              id="booth-stall"
              className={inputClass}
              {...errorAria(state, 'table_id')}
              value={tableId ?? ''}
              disabled={!place.stalls}
              aria-busy={place.loading || undefined}
              onChange={(e) => {
                setOverride((o) => ({ ...o, tableId: null }));
                setPrefs({ tableId: e.target.value ? Number(e.target.value) : null });
              }}
            >
              <option value="">{stallPrompt(location, place)}</option>
              {locationStalls.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <FieldError state={state} name="table_id" />
            {place.loading ? (
              <p aria-live="polite" className="text-sm text-slate-600">
                Loading the stalls of {location?.name}…
              </p>
            ) : null}
            {place.error ? (
              <div role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-700">
                <span>{place.error}</span>
                <Button variant="secondary" onClick={place.retry}>
                  Try again
                </Button>
              </div>
            ) : null}
          </div>
        </fieldset>

        <fieldset className="space-y-3 rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">Company</legend>
          {exhibitor && !choosingCompany ? (
            <div className="flex items-center justify-between gap-3">
              <p className="text-lg font-medium" data-testid="chosen-company">
                {exhibitor.name}
              </p>
              <Button variant="secondary" onClick={() => setChoosingCompany(true)}>
                Change company
              </Button>
            </div>
          ) : (
            <div className="space-y-2">
              <label htmlFor="company-search" className="block text-sm font-medium">
                Find the exhibitor
              </label>
              <input
                id="company-search"
                type="search"
                className={inputClass}
                placeholder="Type part of the company name"
                value={companyQuery}
                onChange={(e) => setCompanyQuery(e.target.value)}
                {...errorAria(state, 'exhibitor_id')}
                autoComplete="off"
              />
              <FieldError state={state} name="exhibitor_id" />
              <ul className="grid gap-2 sm:grid-cols-2" aria-label="Matching companies">
                {companyResults.map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="touch-target w-full rounded-lg px-3 py-2 text-left ring-1 ring-slate-200 hover:bg-brand-50"
                      onClick={() => {
                        setPrefs({ exhibitor: { id: c.id, name: c.name } });
                        setOverride((o) => ({ ...o, exhibitor: null }));
                        setChoosingCompany(false);
                        setCompanyQuery('');
                      }}
                    >
                      <span className="font-medium">{c.name}</span>
                      {c.city ? <span className="block text-sm text-slate-600">{c.city}</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
              {companyResults.length === 0 && companyQuery ? (
                <p className="text-slate-600">No exhibitor matches “{companyQuery}”.</p>
              ) : null}
            </div>
          )}
        </fieldset>

        <fieldset className="space-y-3 rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">Visitor</legend>
          <div className="grid gap-4 md:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor="phone" className="block text-sm font-medium">
                Phone
              </label>
              <input
                ref={phoneRef}
                id="phone"
                name="phone"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                className={inputClass}
                placeholder="98765 43210"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                {...errorAria(state, 'phone', 'phone-hint')}
              />
              <p id="phone-hint" className="text-sm text-slate-600">
                {e164 ? `Recorded as ${e164}` : 'Any format: 98765 43210, +91-98765-43210, 09876543210.'}
              </p>
              <FieldError state={state} name="phone" />
            </div>
            {current && !current.visitor ? (
              <div className="space-y-1">
                <label htmlFor="new_visitor_name" className="block text-sm font-medium">
                  New visitor’s name (optional)
                </label>
                <input
                  id="new_visitor_name"
                  name="new_visitor_name"
                  className={inputClass}
                  value={visitorName}
                  onChange={(e) => setVisitorName(e.target.value)}
                  {...errorAria(state, 'new_visitor_name', 'new_visitor_name-hint')}
                  maxLength={255}
                  autoComplete="off"
                />
                <FieldError state={state} name="new_visitor_name" />
                <p id="new_visitor_name-hint" className="text-sm text-slate-600">
                  With a name, the visitor is saved as a contact; without, only the phone is kept.
                </p>
              </div>
            ) : null}
          </div>
          {current ? (
            <VisitorPanel
              lookup={current}
              exhibitorId={exhibitor?.id ?? null}
              onChanged={() => setLookupNonce((n) => n + 1)}
            />
          ) : null}
        </fieldset>

        <fieldset className="space-y-4 rounded-xl bg-white p-4 ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold tracking-wide text-slate-600 uppercase">The talk</legend>

          <div className="space-y-1">
            <label htmlFor="campaign_id" className="block text-sm font-medium">
              Campaign
            </label>
            {current?.openLead ? (
              <p className="text-slate-700">
                This lead is{' '}
                {current.openLead.campaign_name ? `from ${current.openLead.campaign_name}` : 'not from a campaign'};
                attribution stays as it was at the first talk.
              </p>
            ) : (
              <select
                id="campaign_id"
                name="campaign_id"
                className={inputClass}
                value={campaignChoice}
                onChange={(e) => setCampaignChoice(e.target.value)}
                {...errorAria(state, 'campaign_id', 'campaign-hint')}
              >
                <option value="auto">
                  {current?.suggestion
                    ? `${current.suggestion.name} (suggested)`
                    : `Automatic: a campaign that messaged this phone in the last ${attributionDays} days`}
                </option>
                <option value="">No campaign</option>
                {campaigns
                  .filter((c) => c.id !== current?.suggestion?.id)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            )}
            <FieldError state={state} name="campaign_id" />
            {!current?.openLead ? (
              <p id="campaign-hint" className="text-sm text-slate-600">
                {current?.suggestion
                  ? `This phone was messaged by ${current.suggestion.name} in the last ${attributionDays} days.`
                  : `Suggested when this phone was messaged by a campaign in the last ${attributionDays} days.`}
              </p>
            ) : null}
          </div>

          <div
            role="radiogroup"
            aria-labelledby="outcome-label"
            aria-describedby={errorAria(state, 'outcome')['aria-describedby']}
            className="space-y-2"
          >
            <p id="outcome-label" className="text-sm font-medium">
              How did it go?
            </p>
            <div className="grid grid-cols-3 gap-2">
              {OUTCOMES.map((o) => (
                <label
                  key={o.value}
                  className={`relative flex touch-target cursor-pointer flex-col items-center justify-center rounded-xl px-2 py-3 text-center ring-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${
                    outcome === o.value ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white ring-slate-200'
                  }`}
                >
                  <input
                    type="radio"
                    name="outcome"
                    value={o.value}
                    checked={outcome === o.value}
                    onChange={() => setOutcome(o.value)}
                    className="absolute inset-0 cursor-pointer opacity-0"
                  />
                  <span className="text-base font-semibold">{o.label}</span>
                  <span className={`text-sm ${outcome === o.value ? 'text-brand-100' : 'text-slate-600'}`}>
                    {o.hint}
                  </span>
                </label>
              ))}
            </div>
            <FieldError state={state} name="outcome" />
          </div>

          <div className="space-y-1">
            <label htmlFor="notes" className="block text-sm font-medium">
              Notes
            </label>
            <textarea
              id="notes"
              name="notes"
              rows={3}
              maxLength={5000}
              className={`${inputClass} py-2`}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              {...errorAria(state, 'notes')}
            />
            <FieldError state={state} name="notes" />
          </div>

          {outcome === 'busy' || outcome === 'interested' ? (
            <div className="space-y-2">
              <p className="text-sm font-medium">Next follow-up</p>
              <div className="flex flex-wrap gap-2">
                {quickPicks.map((q) => (
                  <Button
                    key={q.label}
                    variant="secondary"
                    onClick={() => setNextDate(format(addDays(new Date(), q.days), 'yyyy-MM-dd'))}
                  >
                    {q.label}
                  </Button>
                ))}
              </div>
              <div className="grid gap-4 md:grid-cols-2">
                <div className="space-y-1">
                  <label htmlFor="next_followup_date" className="block text-sm font-medium">
                    Date
                  </label>
                  <input
                    id="next_followup_date"
                    name="next_followup_date"
                    type="date"
                    className={inputClass}
                    value={nextDate}
                    onChange={(e) => setNextDate(e.target.value)}
                    {...errorAria(state, 'next_followup_date')}
                  />
                  <FieldError state={state} name="next_followup_date" />
                </div>
                <div className="space-y-1">
                  <label htmlFor="next_followup_time" className="block text-sm font-medium">
                    Time (optional)
                  </label>
                  <input
                    id="next_followup_time"
                    name="next_followup_time"
                    type="time"
                    className={inputClass}
                    value={nextTime}
                    onChange={(e) => setNextTime(e.target.value)}
                    {...errorAria(state, 'next_followup_time')}
                  />
                  <FieldError state={state} name="next_followup_time" />
                </div>
              </div>
            </div>
          ) : null}

          {outcome === 'materialised' ? (
            <div className="grid gap-4 rounded-xl bg-brand-50 p-4 md:grid-cols-2">
              <p className="text-sm font-semibold tracking-wide text-brand-800 uppercase md:col-span-2">Booking</p>
              <div className="space-y-1">
                <label htmlFor="booking_date" className="block text-sm font-medium">
                  Booked for (exhibition day)
                </label>
                <input
                  id="booking_date"
                  name="booking_date"
                  type="date"
                  className={inputClass}
                  value={bookingDate || defaultBookingDate}
                  min={eventDays.min}
                  max={eventDays.max}
                  onChange={(e) => setBookingDate(e.target.value)}
                  {...errorAria(state, 'booking_date')}
                />
                <FieldError state={state} name="booking_date" />
              </div>
              <div className="space-y-1">
                <label htmlFor="booking_table_id" className="block text-sm font-medium">
                  Stall booked
                </label>
                <select
                  id="booking_table_id"
                  name="booking_table_id"
                  className={inputClass}
                  value={bookingTableId ?? tableId ?? ''}
                  onChange={(e) => {
                    setBookingTableId(e.target.value ? Number(e.target.value) : null);
                    setPrice(null);
                  }}
                  {...errorAria(state, 'booking_table_id')}
                >
                  <option value="">{stallPrompt(location, place)}</option>
                  {locationStalls.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} — list {formatINR(s.price)}
                    </option>
                  ))}
                </select>
                <FieldError state={state} name="booking_table_id" />
              </div>
              <div className="space-y-1">
                <label htmlFor="price" className="block text-sm font-medium">
                  Price (₹)
                </label>
                <input
                  id="price"
                  name="price"
                  inputMode="decimal"
                  className={inputClass}
                  value={effectivePrice}
                  onChange={(e) => setPrice(e.target.value)}
                  {...errorAria(state, 'price')}
                />
                <FieldError state={state} name="price" />
              </div>
              <div className="space-y-1">
                <label htmlFor="amount_paid" className="block text-sm font-medium">
                  Paid now (₹)
                </label>
                <input
                  id="amount_paid"
                  name="amount_paid"
                  inputMode="decimal"
                  className={inputClass}
                  placeholder="0"
                  value={paid}
                  onChange={(e) => setPaid(e.target.value)}
                  {...errorAria(state, 'amount_paid', 'amount_status')}
                />
                <FieldError state={state} name="amount_paid" />
              </div>
              <p
                id="amount_status"
                className={`font-medium md:col-span-2 ${paymentStatus?.tone ?? 'text-slate-600'}`}
                aria-live="polite"
              >
                Payment status: {paymentStatus?.label ?? 'enter the price and the amount paid'}
                {paymentStatus && parseAmount(paid || '0') !== null && parseAmount(effectivePrice) !== null
                  ? ` (${formatINR(fromPaise(parseAmount(paid || '0')!))} of ${formatINR(effectivePrice)})`
                  : ''}
              </p>
            </div>
          ) : null}
        </fieldset>

        <div className="sticky bottom-0 -mx-4 border-t border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur">
          <Button type="submit" className="w-full text-lg" disabled={isPending}>
            {isPending ? 'Saving…' : outcome === 'materialised' ? 'Save talk and booking' : 'Save talk'}
          </Button>
          {!stall ? (
            <p className="mt-1 text-center text-sm text-slate-600">
              Tip: choose your location and stall above; they are remembered on this tablet.
            </p>
          ) : null}
        </div>
      </form>
    </div>
  );
}
