'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';

import { fileInputClass, ProblemRows, SaveProgress, type LineProblem } from '@/components/forms/upload';
import { Button } from '@/components/ui/button';
import { formatCount, plural } from '@/lib/format';
import { checkRecipientRows, parseRecipientCsv } from '@/lib/recipients';

import { addRecipientsAction, type RecipientChunk } from './actions';
import { sendInChunks } from './upload-parts';

type Row = RecipientChunk['rows'][number];

type Phase =
  | { kind: 'idle' }
  | { kind: 'preview'; fileName: string; rows: Row[]; duplicates: number; invalid: LineProblem[] }
  | { kind: 'saving'; saved: number; total: number }
  | { kind: 'done'; added: number; already: number; invalid: LineProblem[] };

/**
 * A recipients CSV, read and checked in the browser: a preview first (nothing
 * is sent), then the valid rows in chunks, one request after another, each
 * checked again on the server.
 */
export function RecipientsUpload({ campaignId, chunkSize }: { campaignId: string; chunkSize: number }) {
  const router = useRouter();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const saving = phase.kind === 'saving';

  async function read(file: File | undefined) {
    setError(null);
    if (!file) return setPhase({ kind: 'idle' });
    let parsed: ReturnType<typeof parseRecipientCsv>;
    try {
      parsed = parseRecipientCsv(await file.text());
    } catch {
      setPhase({ kind: 'idle' });
      return setError(`Could not read ${file.name}. Choose a CSV file with a phone column.`);
    }
    const checked = checkRecipientRows(parsed);
    setPhase({
      kind: 'preview',
      fileName: file.name,
      rows: checked.valid,
      duplicates: checked.duplicates,
      invalid: checked.invalid,
    });
  }

  function cancel() {
    if (fileRef.current) fileRef.current.value = '';
    setError(null);
    setPhase({ kind: 'idle' });
  }

  async function save(rows: Row[]) {
    setError(null);
    const total = rows.length;
    let added = 0;
    let already = 0;
    const invalid: LineProblem[] = [];
    setPhase({ kind: 'saving', saved: 0, total });
    const outcome = await sendInChunks(
      rows,
      chunkSize,
      (chunk, last) => addRecipientsAction({ campaignId, rows: chunk, last }),
      (result, saved) => {
        added += result.added;
        already += result.already;
        invalid.push(...result.invalid);
        setPhase({ kind: 'saving', saved, total });
      },
    );
    if (!outcome.ok) {
      setError(
        `${outcome.message} Saved ${formatCount(outcome.saved)} of ${formatCount(total)} before that; choose the same file again to add the rest — recipients already saved are not added twice.`,
      );
      setPhase({ kind: 'done', added, already, invalid });
      router.refresh();
      return;
    }
    if (fileRef.current) fileRef.current.value = '';
    setPhase({ kind: 'done', added, already, invalid });
  }

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          Recipients CSV
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
          A phone column (phone, mobile or number) and an optional name column. Nothing is saved until you confirm.
        </p>
      </div>

      {phase.kind !== 'idle' ? (
        <div role="status" className="space-y-1">
          {phase.kind === 'preview' ? (
            <>
              <p className="font-medium">{plural(phase.rows.length, 'recipient')} to add</p>
              <p>{plural(phase.duplicates, 'duplicate row')} merged</p>
              {phase.invalid.length ? (
                <p>{plural(phase.invalid.length, 'row')} without a valid phone, listed below</p>
              ) : null}
            </>
          ) : phase.kind === 'saving' ? (
            <p>
              Saved {formatCount(phase.saved)} of {formatCount(phase.total)}
            </p>
          ) : (
            <p className="font-medium">
              Added {plural(phase.added, 'recipient')}, {formatCount(phase.already)}{' '}
              {phase.already === 1 ? 'was' : 'were'} already on this campaign.
            </p>
          )}
        </div>
      ) : null}

      {phase.kind === 'saving' ? (
        <SaveProgress label="Saving recipients" saved={phase.saved} total={phase.total} />
      ) : null}

      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}

      {phase.kind === 'preview' ? (
        <>
          <ProblemRows
            caption={`Rows that will not be added (${formatCount(phase.invalid.length)})`}
            rows={phase.invalid}
          />
          <div className="flex flex-wrap gap-3">
            {phase.rows.length > 0 ? (
              <Button onClick={() => void save(phase.rows)}>Add {plural(phase.rows.length, 'recipient')}</Button>
            ) : null}
            <Button variant="secondary" onClick={cancel}>
              Cancel
            </Button>
          </div>
        </>
      ) : null}
      {phase.kind === 'done' ? <ProblemRows caption="Rows the server refused" rows={phase.invalid} /> : null}
    </div>
  );
}
