'use client';

import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { formatCount } from '@/lib/format';

export type FunnelChartStep = {
  label: string;
  value: number;
  /** From the step before ('15.00'); null for the first. */ conversion: string | null;
};

const FILLS = ['#174ca8', '#2f6fd6', '#5b8fe3', '#15803d'];

/** "Leads 150 (15.00% of messages sent)": one step in words, for the chart's label and the tooltip. */
function describeFunnelStep(step: FunnelChartStep, previous: FunnelChartStep | undefined): string {
  const base = `${step.label} ${formatCount(step.value)}`;
  return previous && step.conversion !== null
    ? `${base} (${step.conversion}% of ${previous.label.toLowerCase()})`
    : base;
}

/**
 * Messages sent → leads → bookings as a funnel of horizontal bars (the money it ends in is listed beside it):
 * lengths follow the counts (a trapezoid funnel squeezes the later steps into
 * unreadable slivers when 90,000 messages bring 8,000 leads); each bar is
 * labelled with its count and the conversion from the step before.
 */
export function CampaignFunnelChart({ steps }: { steps: FunnelChartStep[] }) {
  const data = steps.map((s, i) => ({
    name: s.label,
    value: s.value,
    text: `${formatCount(s.value)}${i > 0 && s.conversion !== null ? ` · ${s.conversion}%` : ''}`,
    description: describeFunnelStep(s, steps[i - 1]),
  }));
  return (
    <div className="h-56 w-full" role="img" aria-label={`Funnel chart: ${data.map((d) => d.description).join('; ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 120, bottom: 4, left: 8 }} barCategoryGap={10}>
          <XAxis type="number" hide domain={[0, 'dataMax']} />
          <YAxis
            type="category"
            dataKey="name"
            width={110}
            tick={{ fontSize: 13, fill: '#334155' }}
            axisLine={false}
            tickLine={false}
          />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            formatter={(_value, _name, item) => [(item.payload as (typeof data)[number]).description, '']}
          />
          <Bar dataKey="value" isAnimationActive={false} minPointSize={2} radius={[0, 4, 4, 0]}>
            {data.map((d, i) => (
              <Cell key={d.name} fill={FILLS[i % FILLS.length]} />
            ))}
            <LabelList dataKey="text" position="right" fill="#0f172a" fontSize={13} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
