/**
 * Streaming generated rows into the database with `LOAD DATA LOCAL INFILE`:
 * one statement per table, fed while the generator runs. The server parses
 * tab-separated text far faster than multi-row INSERTs, and into an empty
 * table with unique_checks and foreign_key_checks off (and no triggers)
 * MariaDB builds the indexes by sorting at commit instead of row by row — a
 * duplicate in a UNIQUE index still fails the statement then.
 */
import { PassThrough } from 'node:stream';
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';

/** One value in LOAD DATA's default text format: tab-separated, backslash escapes, \N for NULL. Dates are UTC. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return /[\t\n\r\\\0]/.test(v) ? v.replace(/[\t\n\r\\\0]/g, escapeChar) : v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return dateText(v.getTime());
  if (typeof v === 'bigint') return v.toString();
  throw new Error(`Cannot write ${typeof v} as a LOAD DATA field`);
}

const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\', '\0': '\\0' };
const escapeChar = (c: string) => ESCAPES[c]!;

// Rows of one table share few distinct moments in a row (created = updated, a day's talks): the last few are kept.
let lastMs = NaN;
let lastText = '';
function dateText(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  }
  return lastText;
}

/** One line of the given columns of `row`. */
export function tsvLine(columns: readonly string[], row: Record<string, unknown>): string {
  let line = field(row[columns[0]!]);
  for (let i = 1; i < columns.length; i++) line += '\t' + field(row[columns[i]!]);
  return line + '\n';
}

const CHUNK = 256 * 1024;

/**
 * The rows of one table on their way to its LOAD DATA statement: lines are
 * gathered into chunks; `write` returns a promise only when the connection is
 * behind (backpressure), so the generator waits for the slowest table. The
 * statement starts with the table's first row; `end` it as soon as the table
 * is complete, so its index build overlaps the generation of the next.
 */
export class TableLoad {
  private readonly stream = new PassThrough();
  private buffer = '';
  private done: Promise<ResultSetHeader> | null = null;
  private ended = false;
  rows = 0;

  constructor(
    private readonly conn: PoolConnection,
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  private start(): Promise<ResultSetHeader> {
    const list = this.columns.map((c) => `\`${c}\``).join(',');
    const done = this.conn
      .query<ResultSetHeader>({
        sql: `LOAD DATA LOCAL INFILE 'generated:${this.table}' INTO TABLE \`${this.table}\` CHARACTER SET utf8mb4 (${list})`,
        infileStreamFactory: () => this.stream,
      })
      .then(([result]) => result);
    // A failed statement stops reading: unblock a writer waiting for 'drain'.
    done.catch(() => this.stream.destroy());
    return done;
  }

  write(row: Record<string, unknown>): void | Promise<void> {
    if (this.ended) throw new Error(`A row for ${this.table} after its load was ended`);
    this.done ??= this.start();
    this.buffer += tsvLine(this.columns, row);
    this.rows++;
    if (this.buffer.length >= CHUNK) return this.flush();
  }

  private flush(): void | Promise<void> {
    if (this.stream.destroyed) return this.failed();
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok)
      return new Promise((resolve, reject) => {
        const onDrain = () => (this.stream.off('close', onClose), resolve());
        const onClose = () => (this.stream.off('drain', onDrain), this.failed().catch(reject));
        this.stream.once('drain', onDrain);
        this.stream.once('close', onClose);
      });
  }

  /** The statement's own error, when it stopped reading. */
  private async failed(): Promise<never> {
    await this.done;
    throw new Error(`The load of ${this.table} stopped reading`);
  }

  /** No more rows: the statement commits (and builds the indexes) while other tables still load. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.done ??= this.start();
    if (this.buffer && !this.stream.destroyed) this.stream.write(this.buffer);
    this.buffer = '';
    this.stream.end();
  }

  /** Ends the stream and waits for the statement; every row must have arrived, with no warning (LOCAL turns errors into warnings). */
  async finish(): Promise<void> {
    this.end();
    const result = await this.done!;
    if (result.affectedRows !== this.rows || result.warningStatus !== 0)
      throw new Error(
        `LOAD DATA into ${this.table}: ${result.affectedRows} of ${this.rows} rows stored, ${result.warningStatus} warnings (${result.info}).`,
      );
  }
}
