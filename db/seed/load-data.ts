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

const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\', '\0': '\\0' };
const escapeChar = (c: string) => ESCAPES[c]!;

/** One value in LOAD DATA's default text format: tab-separated, backslash escapes, \N for NULL. Dates are UTC. */
function field(v: unknown, dates: DateCache, i: number): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return /[\t\n\r\\\0]/.test(v) ? v.replace(/[\t\n\r\\\0]/g, escapeChar) : v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) {
    // A column repeats its moment row after row (a campaign's send time, created = updated): formatted once.
    const ms = v.getTime();
    if (dates.ms[i] !== ms) {
      dates.ms[i] = ms;
      dates.text[i] = v.toISOString().slice(0, 19).replace('T', ' ');
    }
    return dates.text[i]!;
  }
  if (typeof v === 'bigint') return v.toString();
  throw new Error(`Cannot write ${typeof v} as a LOAD DATA field`);
}

/** The last moment written per column of a column list, and its text. */
type DateCache = { ms: number[]; text: string[] };
const dateCaches = new WeakMap<readonly string[], DateCache>();

/** One line of the given columns of `row`. */
export function tsvLine(columns: readonly string[], row: Record<string, unknown>): string {
  let dates = dateCaches.get(columns);
  if (!dates) dateCaches.set(columns, (dates = { ms: [], text: [] }));
  let line = field(row[columns[0]!], dates, 0);
  for (let i = 1; i < columns.length; i++) line += '\t' + field(row[columns[i]!], dates, i);
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
  /** When the statement started, when its last row was handed over, when it committed (ms since the epoch). */
  readonly at = { started: 0, ended: 0, committed: 0 };

  /** Lines held back to be sent in key order (see `sorted`). */
  private readonly held: { key: string; line: string }[] = [];
  private sending: Promise<void> | null = null;

  /**
   * `sorted`: the rows come out of key order (ULIDs of the moment of a talk,
   * generated lead by lead) — they are held and sent in key order at the end,
   * since InnoDB builds a clustered index in key order far faster than one
   * filled at random places.
   */
  constructor(
    private readonly conn: PoolConnection,
    readonly table: string,
    readonly columns: readonly string[],
    private readonly sorted = false,
  ) {}

  /** Settles when the statement has committed (rejects with its error). */
  get committed(): Promise<void> {
    this.done ??= this.start();
    return this.done.then(() => undefined);
  }

  private start(): Promise<ResultSetHeader> {
    this.at.started = Date.now();
    const list = this.columns.map((c) => `\`${c}\``).join(',');
    const done = this.conn
      .query<ResultSetHeader>({
        sql: `LOAD DATA LOCAL INFILE 'generated:${this.table}' INTO TABLE \`${this.table}\` CHARACTER SET utf8mb4 (${list})`,
        infileStreamFactory: () => this.stream,
      })
      .then(([result]) => ((this.at.committed = Date.now()), result));
    // A failed statement stops reading: unblock a writer waiting for 'drain'.
    done.catch(() => this.stream.destroy());
    return done;
  }

  write(row: Record<string, unknown>): void | Promise<void> {
    if (this.ended) throw new Error(`A row for ${this.table} after its load was ended`);
    this.rows++;
    if (this.sorted) {
      this.held.push({ key: String(row[this.columns[0]!]), line: tsvLine(this.columns, row) });
      return;
    }
    this.done ??= this.start();
    this.buffer += tsvLine(this.columns, row);
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
    if (this.sorted) {
      this.sending = this.sendHeld();
      this.sending.catch(() => undefined); // reported by finish()
      return;
    }
    if (this.buffer && !this.stream.destroyed) this.stream.write(this.buffer);
    this.buffer = '';
    this.stream.end();
    this.at.ended = Date.now();
  }

  private async sendHeld(): Promise<void> {
    this.held.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let i = 0; i < this.held.length; i++) {
      this.buffer += this.held[i]!.line;
      if (this.buffer.length >= CHUNK) await this.flush();
    }
    this.held.length = 0;
    if (this.buffer && !this.stream.destroyed) this.stream.write(this.buffer);
    this.buffer = '';
    this.stream.end();
    this.at.ended = Date.now();
  }

  /** Ends the stream and waits for the statement; every row must have arrived, with no warning (LOCAL turns errors into warnings). */
  async finish(): Promise<void> {
    this.end();
    await this.sending;
    const result = await this.done!;
    if (result.affectedRows !== this.rows || result.warningStatus !== 0)
      throw new Error(
        `LOAD DATA into ${this.table}: ${result.affectedRows} of ${this.rows} rows stored, ${result.warningStatus} warnings (${result.info}).`,
      );
  }
}
