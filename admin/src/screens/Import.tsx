// Import from WordPress: upload the export (Tools → Export in WordPress), then follow the run — a job on the
// server does the work, so closing this page does not stop it; coming back shows where it is.
import { useEffect, useState } from 'preact/hooks';
import { get, upload } from '../api.ts';
import { Checkbox, ErrorText, Field, PageTitle, Status, formatDate, useAction, useLoad } from '../components/ui.tsx';

interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

interface Report {
  completed: boolean;
  dryRun: boolean;
  seconds: number;
  authors: Tally;
  tags: Tally;
  articles: Tally;
  pages: Tally;
  comments: Tally;
  attachments: { recorded: number; copied: number; notCopied: number };
  redirects: number;
  skippedTypes: Record<string, number>;
  unknownShortcodes: { name: string; count: number; lines: number[] }[];
  sticky: string[];
  warnings: { line: number; message: string }[];
  warningsDropped: number;
  error: { line: number; column: number; message: string } | null;
}

interface Run {
  id: number;
  fileName: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { bytes?: number; totalBytes?: number; posts?: number; pages?: number; comments?: number; rate?: number; etaSeconds?: number | null; phase?: string };
  report: Report | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const n = (x: number | undefined) => (x ?? 0).toLocaleString();

function eta(s: number | null | undefined): string {
  if (s === null || s === undefined) return 'working out the time left…';
  if (s < 60) return `about ${Math.max(1, Math.round(s))} s left`;
  return `about ${Math.round(s / 60)} min left`;
}

export function ImportScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [split, setSplit] = useState(false);
  const [pattern, setPattern] = useState('');
  const [regions, setRegions] = useState('');
  const [current, setCurrent] = useState<Run | null>(null);
  const runs = useLoad(async (signal) => (await get<{ runs: Run[] }>('/api/admin/imports', { signal })).runs, []);

  // Follow the newest run still going (also after coming back to this page).
  useEffect(() => {
    if (!current && runs.data?.length && (runs.data[0]!.status === 'queued' || runs.data[0]!.status === 'running')) setCurrent(runs.data[0]!);
  }, [runs.data, current]);
  useEffect(() => {
    if (!current || current.status === 'done' || current.status === 'failed') return;
    const t = setTimeout(async () => {
      try {
        const r = await get<{ run: Run }>(`/api/admin/imports/${current.id}`);
        setCurrent(r.run);
        if (r.run.status === 'done' || r.run.status === 'failed') runs.reload();
      } catch {
        setCurrent({ ...current });
      }
    }, 1000);
    return () => clearTimeout(t);
  }, [current]);

  const start = useAction(async () => {
    if (!file) throw new Error('Choose the export file first.');
    const extra: Record<string, string> = { dryRun: String(dryRun), splitKicker: String(split), regions };
    if (split && pattern.trim()) extra.kickerPattern = pattern.trim();
    const r = await upload<{ run: Run }>('/api/admin/imports', file, extra);
    setCurrent(r.run);
    runs.reload();
  });

  const p = current?.progress ?? {};
  const pct = p.totalBytes ? Math.min(100, Math.floor(((p.bytes ?? 0) * 100) / p.totalBytes)) : 0;
  const going = current && (current.status === 'queued' || current.status === 'running');

  return (
    <div class="narrow-page">
      <PageTitle title="Import">Import from WordPress</PageTitle>
      <section class="card">
        <h2>Upload an export</h2>
        <p class="muted small">
          In WordPress, use Tools → Export → All content, then upload the file here. Posts, pages, authors, categories, tags and comments come
          across; old addresses keep working. Importing the same file again updates what it brought in. Images stay at their old addresses
          unless imported with the command line's --media-dir.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start.run();
          }}
        >
          <div class="field">
            <label for="import-file">Export file (.xml)</label>
            <input id="import-file" type="file" accept=".xml,text/xml,application/xml" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
          </div>
          <Checkbox label="Dry run: report what would happen, write nothing" checked={dryRun} onChange={setDryRun} />
          <Checkbox label='Split "Region: Headline" titles into kicker and headline' checked={split} onChange={setSplit} />
          {split ? (
            <Field label="Kicker pattern (optional)" value={pattern} onValue={setPattern} hint="A regular expression with groups named kicker and headline. Empty: a prefix of at most four words before the first colon." />
          ) : null}
          <Field label="Categories that become regions" value={regions} onValue={setRegions} hint="Slugs or names, separated by commas." />
          <ErrorText error={start.error} />
          <div class="buttons">
            <button type="submit" class="primary" disabled={start.busy || !!going}>
              {start.busy ? 'Uploading…' : 'Start the import'}
            </button>
          </div>
        </form>
      </section>

      {current ? (
        <section class="card" aria-live="polite">
          <h2>
            {current.fileName} — {current.status === 'queued' ? 'waiting to start' : current.status === 'running' ? 'importing' : current.status === 'done' ? 'done' : 'failed'}
          </h2>
          {going ? (
            <>
              <progress max={100} value={pct} aria-label="Import progress">
                {pct}%
              </progress>
              <p>
                {pct}% · {n(p.posts)} posts, {n(p.pages)} pages, {n(p.comments)} comments · {n(p.rate)} a second · {p.phase === 'finishing' ? 'finishing' : eta(p.etaSeconds)}
              </p>
            </>
          ) : null}
          {current.error ? <p class="error">{current.error}</p> : null}
          {current.report ? <Summary r={current.report} /> : null}
        </section>
      ) : null}

      <section class="card">
        <h2>Earlier imports</h2>
        {runs.error ? <ErrorText error={runs.error} /> : null}
        {runs.loading && !runs.data ? <Status>Loading…</Status> : null}
        {runs.data && !runs.data.length ? <p class="muted">None yet.</p> : null}
        <ul class="tax-list">
          {(runs.data ?? []).map((r) => (
            <li key={r.id} class="tax-row">
              <button type="button" class="ghost" onClick={() => setCurrent(r)}>
                {r.fileName}
              </button>{' '}
              <span class={`badge ${r.status}`}>{r.status}</span> <span class="muted small">{formatDate(r.createdAt)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Summary({ r }: { r: Report }) {
  const row = (label: string, t: Tally) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{n(t.created)}</td>
      <td>{n(t.updated)}</td>
      <td>{n(t.unchanged)}</td>
      <td>{n(t.skipped)}</td>
    </tr>
  );
  return (
    <div>
      <p>{r.dryRun ? 'Dry run: nothing was written. This is what the import would do.' : r.completed ? `Finished in ${r.seconds} s.` : 'Stopped before the end.'}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">New</th>
            <th scope="col">Updated</th>
            <th scope="col">Unchanged</th>
            <th scope="col">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {row('Authors', r.authors)}
          {row('Tags', r.tags)}
          {row('Articles', r.articles)}
          {row('Pages', r.pages)}
          {row('Comments', r.comments)}
        </tbody>
      </table>
      <p>
        {n(r.attachments.recorded)} attachments recorded ({n(r.attachments.copied)} copied, {n(r.attachments.notCopied)} left at their old address); {n(r.redirects)} old
        addresses answer with a redirect.
      </p>
      {Object.keys(r.skippedTypes).length ? (
        <p class="muted small">
          Not imported:{' '}
          {Object.entries(r.skippedTypes)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}
          .
        </p>
      ) : null}
      {r.unknownShortcodes.length ? (
        <p>Shortcodes kept as text (edit these articles by hand): {r.unknownShortcodes.map((s) => `[${s.name}] ×${s.count}`).join(', ')}.</p>
      ) : null}
      {r.sticky.length ? <p>Sticky in WordPress, and kept sticky here (first on the home page): {r.sticky.join(', ')}.</p> : null}
      {r.error ? (
        <p class="error">
          Line {r.error.line}, column {r.error.column}: {r.error.message}
        </p>
      ) : null}
      {r.warnings.length ? (
        <details>
          <summary>{n(r.warnings.length + r.warningsDropped)} warnings</summary>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>
                {w.line ? `Line ${w.line}: ` : ''}
                {w.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
