'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';

import { fileInputClass, ProblemRows, SaveProgress } from '@/components/forms/upload';
import { cellClass } from '@/components/tables/simple-table';
import { Button } from '@/components/ui/button';
import { ScrollRegion } from '@/components/ui/scroll-region';
import type { ImportProgress } from '@/db/queries/contact-imports';
import type { ContactType, ImportMode } from '@/db/schema/contacts';
import { CONTACT_FIELDS, FIELD_LABELS, type ContactField } from '@/lib/contact-fields';
import {
  autoMap,
  columnsFromMapping,
  dryRunCounts,
  fileProgressKey,
  FIRST_LINE,
  IMPORT_MODE_OPTIONS,
  mappingOf,
  mappingProblems,
  outcomeOf,
  ROW_DUPLICATE,
  ROW_INVALID,
  type ImportColumn,
  type ImportMapping,
  type ImportMatch,
  type PreviewRow,
} from '@/lib/contact-import';
import { formatCount, plural } from '@/lib/format';
import { IMPORT_RESULT_LABELS, IMPORT_TYPE_LABELS } from '@/lib/labels';
import { ulid } from '@/lib/ulid';

import { importChunkAction, importProgressAction, matchImportRowsAction, startImportAction } from './actions';
import type { CheckSummary, ReadSummary } from './preview-core';
import { createPreviewEngine, type PreviewEngine } from './preview-engine';

type LastMappings = Record<ContactType, { mapping: ImportMapping; fileName: string } | null>;
type Work = { label: string; done: number; total: number; unit: string };
/** What the browser keeps of a started import, per file (name, size, time), to resume it after a reload. */
type SavedImport = { importId: string };

const CONNECTION_LOST = 'The connection dropped before the server answered.';
/** Automatic attempts after a dropped connection before the page asks the admin to resume. */
const RETRIES = 3;

const sectionClass = 'space-y-4 rounded-xl bg-white p-6 ring-1 ring-slate-200';
const headingClass = 'text-lg font-semibold';

function readSaved(file: File): SavedImport | null {
  try {
    const raw = sessionStorage.getItem(fileProgressKey(file));
    return raw ? (JSON.parse(raw) as SavedImport) : null;
  } catch {
    return null;
  }
}
function writeSaved(file: File, saved: SavedImport | null) {
  try {
    if (saved) sessionStorage.setItem(fileProgressKey(file), JSON.stringify(saved));
    else sessionStorage.removeItem(fileProgressKey(file));
  } catch {
    // Private mode without storage: a reload cannot resume, the server still has every line saved.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The CSV import: choose the file and what it holds; map its
 * columns (remembered from the last import of that type); check every row in
 * the browser (a Web Worker) and look up the matches on the server, without
 * writing; read the dry run of the chosen mode; import in chunks with a
 * progress bar, resumable after a dropped connection or a reload.
 */
export function ContactImport({ lastMappings }: { lastMappings: LastMappings }) {
  const router = useRouter();
  const ids = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const engineRef = useRef<PreviewEngine | null>(null);
  const pendingId = useRef<string | null>(null);
  const [type, setType] = useState<ContactType>('visitor');
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<ReadSummary | null>(null);
  const [columns, setColumns] = useState<ImportColumn[]>([]);
  const [remembered, setRemembered] = useState<string | null>(null);
  const [summary, setSummary] = useState<CheckSummary | null>(null);
  const [matches, setMatches] = useState<Map<number, ImportMatch> | null>(null);
  const [refused, setRefused] = useState<{ line: number; reason: string }[]>([]);
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [work, setWork] = useState<Work | null>(null);
  const [resume, setResume] = useState<ImportProgress | null>(null);
  const [stopped, setStopped] = useState<{ importId: string; message: string; progress: ImportProgress | null } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [where, setWhere] = useState<PreviewEngine['where'] | null>(null);

  useEffect(() => () => engineRef.current?.dispose(), []);
  const engine = () => (engineRef.current ??= createPreviewEngine());
  const busy = work !== null;
  const labels = IMPORT_TYPE_LABELS[type];

  function mapFor(t: ContactType, headers: string[]) {
    const last = lastMappings[t];
    const from = columnsFromMapping(t, headers, last?.mapping);
    setRemembered(from && last ? last.fileName : null);
    setColumns(from ?? autoMap(t, headers));
  }

  function clearChecks() {
    pendingId.current = null;
    setSummary(null);
    setMatches(null);
    setRefused([]);
    setStopped(null);
  }

  async function choose(chosen: File | undefined) {
    setError(null);
    clearChecks();
    setResume(null);
    setRead(null);
    pendingId.current = null;
    setFile(chosen ?? null);
    if (!chosen) return;
    setWork({ label: `Reading ${chosen.name}`, done: 0, total: chosen.size, unit: 'bytes' });
    try {
      const summaryOfFile = await engine().read(chosen, (done, total) =>
        setWork({ label: `Reading ${chosen.name}`, done, total, unit: 'bytes' }),
      );
      if (!summaryOfFile.headers.length || !summaryOfFile.rowCount) {
        setWork(null);
        return setError(
          `${chosen.name} has no rows under a header line. Choose a CSV file whose first line names its columns.`,
        );
      }
      setRead(summaryOfFile);
      setWhere(engine().where);
      // A file whose import stopped (a dropped connection, a reload) is offered to resume, as the server has it.
      const saved = readSaved(chosen);
      const answer = saved ? await importProgressAction({ importId: saved.importId }).catch(() => null) : null;
      const progress = answer?.ok ? answer.data : null;
      if (progress && progress.status === 'running' && progress.rowsTotal === summaryOfFile.rowCount) {
        const resumed = columnsFromMapping(progress.type, summaryOfFile.headers, progress.mapping);
        if (resumed) {
          setType(progress.type);
          setMode(progress.mode);
          setColumns(resumed);
          setRemembered(null);
          setResume(progress);
          setWork(null);
          return;
        }
      }
      if (saved && (!progress || progress.status !== 'running')) writeSaved(chosen, null);
      mapFor(type, summaryOfFile.headers);
    } catch {
      setError(`Could not read ${chosen.name}. Choose a CSV file (comma-separated, UTF-8) with a header line.`);
    }
    setWork(null);
  }

  function changeType(next: ContactType) {
    setType(next);
    clearChecks();
    if (read) mapFor(next, read.headers);
  }

  function changeColumn(i: number, field: string) {
    clearChecks();
    setRemembered(null);
    setColumns((cs) => cs.map((c, j) => (j === i ? ((field || null) as ImportColumn) : c)));
  }

  /** The browser's check of every row, then (unless resuming) the server's read-only matching of the valid ones. */
  async function check(lookUp: boolean): Promise<CheckSummary | null> {
    setError(null);
    clearChecks();
    const total = read?.rowCount ?? 0;
    try {
      setWork({ label: 'Checking rows', done: 0, total, unit: 'rows' });
      const checked = await engine().check(type, columns, (done) =>
        setWork({ label: 'Checking rows', done, total, unit: 'rows' }),
      );
      setSummary(checked);
      if (!lookUp) return checked;
      const found = new Map<number, ImportMatch>();
      const refusedRows: { line: number; reason: string }[] = [];
      let looked = 0;
      const label = `Looking up existing ${labels.many}`;
      setWork({ label, done: 0, total: checked.counts.valid, unit: 'rows' });
      for (let from = 0; from < checked.total;) {
        const { rows, next } = await engine().chunk(from, true);
        from = next;
        if (!rows.length) continue;
        const answer = await matchImportRowsAction({ type, rows }).catch(() => ({
          ok: false as const,
          message: CONNECTION_LOST,
        }));
        if (!answer.ok) {
          setWork(null);
          setError(`${answer.message} Nothing was written. Check the rows again to retry.`);
          return null;
        }
        for (const a of answer.data) {
          if ('match' in a) found.set(a.line, a.match);
          else refusedRows.push({ line: a.line, reason: a.invalid });
        }
        looked += rows.length;
        setWork({ label, done: looked, total: checked.counts.valid, unit: 'rows' });
      }
      setMatches(found);
      setRefused(refusedRows);
      return checked;
    } catch (e) {
      setError(e instanceof Error ? `The rows could not be checked: ${e.message}` : 'The rows could not be checked.');
      return null;
    } finally {
      setWork(null);
    }
  }

  /** Sends the file from `progress.nextLine` on, chunk after chunk; the server's answer says where the next one starts. */
  async function send(importId: string, progress: ImportProgress) {
    if (!file) return;
    let at = progress;
    let failures = 0;
    const total = at.rowsTotal;
    setStopped(null);
    setWork({ label: 'Importing', done: at.recorded, total, unit: 'lines' });
    while (at.nextLine < FIRST_LINE + total) {
      const { rows } = await engine().chunk(at.nextLine - FIRST_LINE, false);
      const answer = await importChunkAction({ importId, rows }).catch(() => null);
      if (answer?.ok) {
        at = answer.data;
        failures = 0;
        setWork({ label: 'Importing', done: at.recorded, total, unit: 'lines' });
        continue;
      }
      // No answer (the connection dropped: the chunk may or may not be saved) or a refusal: ask the server
      // how far it got and go on from there — the lines it has are never written twice.
      if (++failures <= RETRIES) {
        if (!answer) await sleep(1000 * 2 ** (failures - 1));
        const where = await importProgressAction({ importId }).catch(() => null);
        const now = where?.ok ? where.data : null;
        if (now && now.status !== 'reverted' && (!answer || now.nextLine !== at.nextLine)) {
          at = now;
          setWork({ label: 'Importing', done: at.recorded, total, unit: 'lines' });
          continue;
        }
      }
      setWork(null);
      const where = await importProgressAction({ importId }).catch(() => null);
      setStopped({
        importId,
        message: answer ? answer.message : CONNECTION_LOST,
        progress: where?.ok ? where.data : at,
      });
      return;
    }
    writeSaved(file, null);
    setWork({ label: 'Import finished: opening the report', done: total, total, unit: 'lines' });
    router.push(`/contacts/imports/${importId}`);
  }

  async function start() {
    if (!file || !read || !summary) return;
    setError(null);
    // One id per file and settings: a start retried after a lost answer is the same batch.
    const id = (pendingId.current ??= ulid());
    const answer = await startImportAction({
      id,
      type,
      mode,
      fileName: file.name,
      mapping: mappingOf(read.headers, columns),
      rowsTotal: read.rowCount,
    }).catch(() => ({
      ok: false as const,
      message: CONNECTION_LOST,
    }));
    if (!answer.ok) return setError(`${answer.message} Nothing was imported; press Import again.`);
    writeSaved(file, { importId: id });
    await send(id, answer.data);
  }

  async function continueImport(progress: ImportProgress) {
    setResume(null);
    if (!(await check(false))) return;
    await send(progress.id, progress);
  }

  function startOver() {
    if (file) writeSaved(file, null);
    setResume(null);
    if (read) mapFor(type, read.headers);
  }

  const problems = read ? mappingProblems(type, columns) : [];
  // Over every valid row (100,000 of them, maybe): once per mode or file, not on every progress update.
  const dryRun = useMemo(
    () => (summary && matches ? dryRunCounts(mode, summary.counts, matches) : null),
    [mode, summary, matches],
  );
  const matched = useMemo(
    () => (matches ? [...matches.values()].filter((m) => m && 'contactId' in m).length : 0),
    [matches],
  );

  return (
    <div className="space-y-6" data-engine={where ?? undefined}>
      <section aria-labelledby={`${ids}-file`} className={sectionClass}>
        <h2 id={`${ids}-file`} className={headingClass}>
          1. The file
        </h2>
        <fieldset disabled={busy} className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">The file holds</legend>
          <div className="flex flex-wrap gap-4">
            {(['visitor', 'exhibitor'] as const).map((t) => (
              <label key={t} className="inline-flex touch-target items-center gap-2">
                <input
                  type="radio"
                  name="import-type"
                  value={t}
                  checked={type === t}
                  onChange={() => changeType(t)}
                  className="size-5 accent-brand-700"
                />
                {t === 'visitor' ? 'Visitors' : 'Companies'}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="space-y-1">
          <label htmlFor={`${ids}-csv`} className="block text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            ref={fileRef}
            id={`${ids}-csv`}
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            aria-describedby={`${ids}-csv-hint`}
            onChange={(e) => void choose(e.currentTarget.files?.[0])}
            className={fileInputClass}
          />
          <p id={`${ids}-csv-hint`} className="text-sm text-slate-600">
            The first line names the columns. Phones may be written any usual way (098765 43210, +91-98765-43210); they
            are stored as +919876543210. Nothing is written until you press Import.
          </p>
        </div>
      </section>

      {work ? (
        <div className="space-y-2">
          <p role="status">
            {work.label}:{' '}
            {work.unit === 'bytes'
              ? `${Math.round((100 * work.done) / Math.max(work.total, 1))}%`
              : `${formatCount(work.done)} of ${formatCount(work.total)} ${work.unit}`}
          </p>
          <SaveProgress label={work.label} saved={work.done} total={work.total} />
        </div>
      ) : null}

      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}

      {resume && !busy ? (
        <section aria-labelledby={`${ids}-resume`} className={sectionClass}>
          <h2 id={`${ids}-resume`} className={headingClass}>
            This file’s import stopped part way
          </h2>
          <p>
            {formatCount(resume.recorded)} of {formatCount(resume.rowsTotal)} lines are saved (
            {IMPORT_TYPE_LABELS[resume.type].many},{' '}
            {IMPORT_MODE_OPTIONS.find((m) => m.value === resume.mode)?.label.toLowerCase()}). Resume from line{' '}
            {formatCount(resume.nextLine)} with the same columns and mode, or start a new import of the whole file.
          </p>
          <div className="flex flex-wrap gap-3">
            <Button onClick={() => void continueImport(resume)}>Resume the import</Button>
            <Button variant="secondary" onClick={startOver}>
              Start a new import
            </Button>
          </div>
        </section>
      ) : null}

      {read && !resume && !stopped ? (
        <section aria-labelledby={`${ids}-map`} className={sectionClass}>
          <h2 id={`${ids}-map`} className={headingClass}>
            2. Columns
          </h2>
          <p className="text-slate-700">
            {plural(read.rowCount, 'row')} in {file?.name}.{' '}
            {remembered
              ? `Columns mapped as in your last import of ${labels.many} (${remembered}); change any below.`
              : 'Each column is mapped to a field by its name; change any below.'}
          </p>
          <ScrollRegion label="Column mapping" className="rounded-lg ring-1 ring-slate-200">
            <table className="w-full text-left text-base">
              <caption className="sr-only">Column mapping</caption>
              <thead className="bg-slate-50 text-sm text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Column
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    First values
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Field
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {read.headers.map((h, i) => (
                  <tr key={i}>
                    <th scope="row" className={`${cellClass} font-medium`}>
                      {h || <span className="text-slate-600">(no name)</span>}
                    </th>
                    <td className={`${cellClass} max-w-xs truncate text-slate-700`}>
                      {read.sample
                        .map((r) => r[i] ?? '')
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td className={cellClass}>
                      <label htmlFor={`${ids}-col-${i}`} className="sr-only">
                        Field for column {h || i + 1}
                      </label>
                      <select
                        id={`${ids}-col-${i}`}
                        value={columns[i] ?? ''}
                        disabled={busy}
                        onChange={(e) => changeColumn(i, e.currentTarget.value)}
                        className="touch-target rounded-lg border border-slate-300 bg-white px-3"
                      >
                        <option value="">Ignore</option>
                        {(CONTACT_FIELDS[type] as readonly ContactField[]).map((f) => (
                          <option key={f} value={f}>
                            {FIELD_LABELS[f]}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {problems.length ? (
            <ul className="list-disc pl-6 text-red-800">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <Button onClick={() => void check(true)} disabled={busy || problems.length > 0}>
            Check the rows
          </Button>
        </section>
      ) : null}

      {summary && matches && dryRun && !stopped ? (
        <section aria-labelledby={`${ids}-preview`} className={sectionClass}>
          <h2 id={`${ids}-preview`} className={headingClass}>
            3. Preview and dry run
          </h2>
          <p>
            {plural(summary.total, 'row')}: {formatCount(summary.counts.valid)} valid,{' '}
            {formatCount(summary.counts.invalid)} invalid, {formatCount(summary.counts.duplicate)} duplicate within the
            file; {plural(matched, `match an existing ${labels.one}`, `match existing ${labels.many}`)}. Nothing has
            been written yet.
          </p>
          <fieldset disabled={busy} className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">Mode</legend>
            {IMPORT_MODE_OPTIONS.map((m) => (
              <label key={m.value} className="flex items-start gap-2 py-1">
                <input
                  type="radio"
                  name="import-mode"
                  value={m.value}
                  checked={mode === m.value}
                  onChange={() => {
                    pendingId.current = null;
                    setMode(m.value);
                  }}
                  className="mt-1 size-5 accent-brand-700"
                />
                <span>
                  <span className="font-medium">{m.label}</span> <span className="text-slate-600">— {m.hint}</span>
                </span>
              </label>
            ))}
            <p className="text-sm text-slate-600">
              Rows match{' '}
              {type === 'visitor'
                ? 'a visitor by phone, then by email'
                : 'a company by GSTIN, then by name and phone, then by name and email'}
              . A blank cell never erases a stored value.
            </p>
          </fieldset>
          <section aria-label="Dry run">
            <h3 className="mb-2 font-medium">
              Dry run: {IMPORT_MODE_OPTIONS.find((m) => m.value === mode)!.label.toLowerCase()}
            </h3>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
              {(['created', 'updated', 'unchanged', 'skipped', 'invalid', 'duplicate'] as const).map((k) => (
                <div key={k} className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
                  <dt className="text-sm text-slate-600">{IMPORT_RESULT_LABELS[k]}</dt>
                  <dd className="text-xl font-semibold tabular-nums" data-testid={`dry-run-${k}`}>
                    {formatCount(dryRun[k])}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          {refused.length ? (
            <p role="alert" className="text-red-800">
              The server refused {plural(refused.length, 'row')} the browser accepted (first: line {refused[0]!.line},{' '}
              {refused[0]!.reason}); they will be reported as invalid.
            </p>
          ) : null}
          <PreviewTable
            caption={`The first ${Math.min(summary.preview.length, summary.total)} rows`}
            type={type}
            columns={columns}
            rows={summary.preview}
            matches={matches}
            mode={mode}
          />
          {summary.problems.length ? (
            <ProblemRows
              caption={`Rows that will not be imported (${formatCount(summary.counts.invalid + summary.counts.duplicate)})`}
              valueLabel="Row"
              rows={summary.problems.map((r) => ({
                line: r.line,
                value: Object.values(r.cells).filter(Boolean).join(' · '),
                reason: r.reason ?? '',
              }))}
              total={summary.counts.invalid + summary.counts.duplicate}
              more=", listed in the report’s CSV after the import"
            />
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button onClick={() => void start()} disabled={busy}>
              Import
            </Button>
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => {
                if (fileRef.current) fileRef.current.value = '';
                void choose(undefined);
              }}
            >
              Cancel
            </Button>
          </div>
        </section>
      ) : null}

      {stopped && !busy ? (
        <section aria-labelledby={`${ids}-stopped`} className={sectionClass}>
          <h2 id={`${ids}-stopped`} className={headingClass}>
            The import stopped
          </h2>
          <p role="alert" className="text-red-800">
            {stopped.message}
          </p>
          <p>
            {stopped.progress
              ? `${formatCount(stopped.progress.recorded)} of ${formatCount(stopped.progress.rowsTotal)} lines are saved; nothing is written twice when you resume.`
              : 'The server could not be asked how far it got.'}
          </p>
          <div className="flex flex-wrap gap-3">
            {stopped.progress?.status === 'running' ? (
              <Button onClick={() => void send(stopped.importId, stopped.progress!)}>Resume the import</Button>
            ) : null}
            <a
              href={`/contacts/imports/${stopped.importId}`}
              className="inline-flex touch-target items-center text-brand-700 underline"
            >
              Open the report
            </a>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** What a preview row will become: the browser's finding, then the server's match in the chosen mode. */
function rowOutcome(
  row: PreviewRow,
  matches: Map<number, ImportMatch>,
  mode: ImportMode,
  firstLine: Map<string, number>,
  one: string,
): string {
  if (row.status === ROW_INVALID) return `Invalid: ${row.reason}`;
  if (row.status === ROW_DUPLICATE) return `Duplicate: ${row.reason}`;
  const match = matches.get(row.line) ?? null;
  const earlier = match && 'contactId' in match ? firstLine.get(match.contactId) : undefined;
  const { result, reason } = outcomeOf(mode, match, earlier === row.line ? undefined : earlier);
  const what = match && 'contactId' in match ? `Matches an existing ${one}: ` : '';
  return `${what}${IMPORT_RESULT_LABELS[result]}${reason ? ` — ${reason}` : ''}`;
}

function PreviewTable({
  caption,
  type,
  columns,
  rows,
  matches,
  mode,
}: {
  caption: string;
  type: ContactType;
  columns: ImportColumn[];
  rows: PreviewRow[];
  matches: Map<number, ImportMatch>;
  mode: ImportMode;
}) {
  const fields = columns.filter((c): c is ContactField => c !== null);
  // The first line to match each contact, for "matches the same contact as line …" (the matches are in file order).
  const firstLine = new Map<string, number>();
  const last = rows.at(-1)?.line ?? 0;
  for (const [line, m] of matches) {
    if (line > last) break;
    if (m && 'contactId' in m && !firstLine.has(m.contactId)) firstLine.set(m.contactId, line);
  }
  return (
    <ScrollRegion label={caption} className="max-h-[32rem] rounded-lg ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="bg-slate-50 px-4 py-2 text-left font-medium text-slate-700">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Line
            </th>
            {fields.map((f) => (
              <th key={f} scope="col" className="px-3 py-2 font-medium">
                {FIELD_LABELS[f]}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 font-medium">
              Check
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr
              key={r.line}
              className={r.status === ROW_INVALID ? 'bg-red-50' : r.status === ROW_DUPLICATE ? 'bg-amber-50' : ''}
            >
              <td className="px-3 py-2 tabular-nums">{r.line}</td>
              {fields.map((f) => (
                <td key={f} className="max-w-48 truncate px-3 py-2">
                  {r.cells[f]}
                </td>
              ))}
              <td className="px-3 py-2">{rowOutcome(r, matches, mode, firstLine, IMPORT_TYPE_LABELS[type].one)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
