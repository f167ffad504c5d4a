'use client';

import { useRouter } from 'next/navigation';
import Papa from 'papaparse';
import { useId, useRef, useState } from 'react';

import { fileInputClass, ProblemRows, SaveProgress, type LineProblem } from '@/components/forms/upload';
import { Button } from '@/components/ui/button';
import { formatCount, plural } from '@/lib/format';
import { normalisePhone } from '@/lib/phone';

import { recordDeliveryResultsAction, type DeliveryChunk } from './actions';
import { sendInChunks } from './upload-parts';

type Row = DeliveryChunk['rows'][number];

type Phase =
  | { kind: 'idle' }
  | { kind: 'preview'; rows: Row[]; sent: number; failed: number; invalid: LineProblem[] }
  | { kind: 'saving'; saved: number; total: number }
  | { kind: 'done'; sent: number; failed: number; unknown: LineProblem[] };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The gateway's results file → rows to send and rows refused (the same reasons the server would give). */
function readResults(csv: string): { rows: Row[]; invalid: LineProblem[] } | { error: string } {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('phone') || !fields.includes('status')) {
    return {
      error:
        'The file needs a header line with the columns phone and status (error, provider_message_id and sent_at are optional).',
    };
  }
  const rows: Row[] = [];
  const invalid: LineProblem[] = [];
  parsed.data.forEach((r, i) => {
    const line = i + 2; // the header is line 1
    const phone = text(r.phone);
    const status = text(r.status).toLowerCase();
    const sentAt = text(r.sent_at);
    if (!phone) return invalid.push({ line, value: '', reason: 'No phone number.' });
    if (status !== 'sent' && status !== 'failed')
      return invalid.push({ line, value: text(r.status), reason: 'Status must be sent or failed.' });
    if (!normalisePhone(phone)) return invalid.push({ line, value: phone, reason: 'Not a valid phone number.' });
    if (sentAt && Number.isNaN(Date.parse(sentAt)))
      return invalid.push({
        line,
        value: sentAt,
        reason: 'sent_at is not a date and time (ISO 8601, e.g. 2027-01-12T10:30:00+05:30).',
      });
    rows.push({
      line,
      phone,
      status,
      error: text(r.error).slice(0, 1000) || null,
      provider_message_id: text(r.provider_message_id).slice(0, 255) || null,
      sent_at: sentAt ? new Date(sentAt).toISOString() : null,
    });
  });
  return { rows, invalid };
}

/** The gateway's per-phone outcome, read and checked in the browser, then saved in chunks. */
export function ResultsImport({ campaignId, chunkSize }: { campaignId: string; chunkSize: number }) {
  const router = useRouter();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const saving = phase.kind === 'saving';

  async function read(file: File | undefined) {
    setError(null);
    setPhase({ kind: 'idle' });
    if (!file) return;
    let result: ReturnType<typeof readResults>;
    try {
      result = readResults(await file.text());
    } catch {
      return setError(`Could not read ${file.name}. Choose the CSV file the gateway produced.`);
    }
    if ('error' in result) return setError(result.error);
    const sent = result.rows.filter((r) => r.status === 'sent').length;
    setPhase({ kind: 'preview', rows: result.rows, sent, failed: result.rows.length - sent, invalid: result.invalid });
  }

  function discard() {
    if (fileRef.current) fileRef.current.value = '';
    setError(null);
    setPhase({ kind: 'idle' });
  }

  async function save(rows: Row[]) {
    setError(null);
    const total = rows.length;
    let sent = 0;
    let failed = 0;
    const unknown: LineProblem[] = [];
    setPhase({ kind: 'saving', saved: 0, total });
    const outcome = await sendInChunks(
      rows,
      chunkSize,
      (chunk, last) => recordDeliveryResultsAction({ campaignId, rows: chunk, last }),
      (result, saved) => {
        sent += result.sent;
        failed += result.failed;
        unknown.push(...result.unknown);
        setPhase({ kind: 'saving', saved, total });
      },
    );
    if (!outcome.ok) {
      setError(
        `${outcome.message} Saved ${formatCount(outcome.saved)} of ${formatCount(total)} before that; importing the same file again is safe — each phone just gets its result again.`,
      );
      setPhase({ kind: 'done', sent, failed, unknown });
      router.refresh();
      return;
    }
    if (fileRef.current) fileRef.current.value = '';
    setPhase({ kind: 'done', sent, failed, unknown });
  }

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          Gateway results CSV
        </label>
        <input
          ref={fileRef}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={saving}
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => void read(e.currentTarget.files?.[0])}
          className={fileInputClass}
        />
        <p id={`${inputId}-hint`} className="text-sm text-slate-600">
          Columns phone, status (sent or failed), error, provider_message_id and optionally sent_at (ISO 8601). Nothing
          is saved until you confirm.
        </p>
      </div>

      {phase.kind !== 'idle' ? (
        <div role="status" className="space-y-1">
          {phase.kind === 'preview' ? (
            <>
              <p className="font-medium">
                {plural(phase.rows.length, 'result')} to import: {formatCount(phase.sent)} sent,{' '}
                {formatCount(phase.failed)} failed
              </p>
              {phase.invalid.length ? (
                <p>{plural(phase.invalid.length, 'row')} cannot be imported, listed below</p>
              ) : null}
            </>
          ) : phase.kind === 'saving' ? (
            <p>
              Saved {formatCount(phase.saved)} of {formatCount(phase.total)}
            </p>
          ) : (
            <p className="font-medium">
              {formatCount(phase.sent)} sent, {formatCount(phase.failed)} failed, {formatCount(phase.unknown.length)}{' '}
              not recipients
            </p>
          )}
        </div>
      ) : null}

      {phase.kind === 'saving' ? <SaveProgress label="Saving results" saved={phase.saved} total={phase.total} /> : null}

      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}

      {phase.kind === 'preview' ? (
        <>
          <ProblemRows
            caption={`Rows that will not be imported (${formatCount(phase.invalid.length)})`}
            rows={phase.invalid}
          />
          <div className="flex flex-wrap gap-3">
            {phase.rows.length > 0 ? (
              <Button onClick={() => void save(phase.rows)}>Import {plural(phase.rows.length, 'result')}</Button>
            ) : null}
            <Button variant="secondary" onClick={discard}>
              Discard file
            </Button>
          </div>
        </>
      ) : null}
      {phase.kind === 'done' ? (
        <ProblemRows
          caption={`Rows not matched to a recipient (${formatCount(phase.unknown.length)})`}
          rows={phase.unknown}
        />
      ) : null}
    </div>
  );
}
