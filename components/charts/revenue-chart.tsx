'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { BookingsPoint, RevenuePoint } from '@/db/queries/companies';
import { formatINR } from '@/lib/money';

const compact = new Intl.NumberFormat('en-IN', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Bookings and revenue per period, for those who may see revenue. Amounts
 * arrive as exact DECIMAL strings; they become numbers here only to place
 * bars (tooltips show the exact string).
 */
export function RevenueChart({ data }: { data: RevenuePoint[] }) {
  const points = data.map((d) => ({ ...d, collectedValue: Number(d.collected), bookedValue: Number(d.booked) }));
  return (
    <div
      className="h-72 w-full"
      role="img"
      aria-label={`Bookings and revenue per period: ${data.map((d) => `${d.period} ${d.bookings} bookings, ${formatINR(d.collected)} collected`).join('; ')}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 12 }} />
          <YAxis
            yAxisId="money"
            tickFormatter={(v: number) => `₹${compact.format(v)}`}
            tick={{ fontSize: 12 }}
            width={64}
          />
          <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
          <Tooltip
            formatter={(value, name, item) => {
              const p = item.payload as (typeof points)[number];
              if (name === 'Collected') return formatINR(p.collected);
              if (name === 'Booked value') return formatINR(p.booked);
              return value;
            }}
          />
          <Legend />
          <Bar yAxisId="money" dataKey="collectedValue" name="Collected" fill="#174ca8" />
          <Bar yAxisId="money" dataKey="bookedValue" name="Booked value" fill="#93b4ee" />
          <Bar yAxisId="count" dataKey="bookings" name="Bookings" fill="#f59e0b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Bookings per period, counts only: what an employee's chart is drawn from (its points have no money). */
export function BookingsChart({ data }: { data: BookingsPoint[] }) {
  return (
    <div
      className="h-72 w-full"
      role="img"
      aria-label={`Bookings per period: ${data.map((d) => `${d.period} ${d.bookings} bookings`).join('; ')}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
          <Tooltip />
          <Legend />
          <Bar dataKey="bookings" name="Bookings" fill="#f59e0b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export type StallBar = { stall: string; collected: string };

export function StallRevenueChart({ data }: { data: StallBar[] }) {
  const points = data.map((d) => ({ ...d, value: Number(d.collected) }));
  return (
    <div
      className="h-72 w-full"
      role="img"
      aria-label={`Collected revenue by stall: ${data.map((d) => `${d.stall} ${formatINR(d.collected)}`).join('; ')}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="stall" tick={{ fontSize: 11 }} interval={0} angle={-45} textAnchor="end" height={50} />
          <YAxis tickFormatter={(v: number) => `₹${compact.format(v)}`} tick={{ fontSize: 12 }} width={64} />
          <Tooltip formatter={(_v, _n, item) => formatINR((item.payload as (typeof points)[number]).collected)} />
          <Bar dataKey="value" name="Collected" fill="#174ca8" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
