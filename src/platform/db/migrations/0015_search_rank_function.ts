// PostgreSQL only: broadside_search_rank(), a search's counting and candidate scoring in one call (the search
// module's ranking.ts explains the steps and calls it). Done from the application, they took seven statements
// in a transaction (begin, settings, hidden articles, count, newest, strong, scoring, commit): each a round
// trip, a parse and a plan on the server and a parse of the answer in Node, which together cost more CPU than the
// searching itself. As a PL/pgSQL function the statements are planned once per connection, run under the
// function's settings, and see one snapshot (a STABLE function takes none of its own).
// visible() (content's queries.ts) is written out here in SQL, as migrations never import module code; the
// search tests compare this function with the same searches on SQLite, which uses visible() itself.
// Parameters: q the whole query, positive its words without the excluded ones, has_none whether it has
// excluded words; now_at; cap the count's cap; page_offset (no scoring when the page is past the matches);
// recent_ids the window of article_search_recent (0: not read); newest_n, strong_n, hidden_max as ranking.ts's
// NEWEST, STRONG, HIDDEN_MAX; exclude_id; the filters (null when not set).
// Scores: ts_rank_cd with weights {D, C, B, A} = bylines, body, kicker/standfirst/tags, headline, normalised by
// log length, times the gentle boost for recent articles (the search module's recencyBoost(), in SQL).
// Rows: first one with r_id null carrying the total (r_total, r_exact), then each candidate with its score.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

const SHOWN = `a.status in ('published', 'scheduled') and a.published_at <= now_at and a.trashed_at is null
      and (date_from is null or a.published_at >= date_from) and (date_to is null or a.published_at < date_to)
      and (tag is null or exists (select 1 from article_tags t where t.article_id = a.id and t.tag_id = tag))
      and (author is null or exists (select 1 from article_authors au where au.article_id = a.id and au.author_id = author))
      and (exclude_id is null or a.id <> exclude_id)`;

const BOOST = `(1.0 + 0.5 * 365.0 / (365.0 + greatest(0.0, extract(epoch from (now_at - a.published_at)) / 86400.0)))`;

export const RANK_FUNCTION = `
create or replace function broadside_search_rank(
  q tsquery, positive tsquery, has_none boolean, now_at timestamptz, cap integer, page_offset integer,
  recent_ids bigint, newest_n integer, strong_n integer, hidden_max integer,
  exclude_id bigint, date_from timestamptz, date_to timestamptz, tag bigint, author bigint)
returns table (r_id bigint, r_score float8, r_published_at timestamptz, r_strong boolean, r_total bigint, r_exact boolean)
language plpgsql stable
set enable_seqscan = off
set max_parallel_workers_per_gather = 0
as $rank$
declare
  filtered boolean := date_from is not null or date_to is not null or tag is not null or author is not null;
  hidden bigint[];
  low bigint;
  win_n bigint;
  win_ids bigint[] := '{}';
  whole boolean := false;
  all_ids bigint[];
  n bigint;
  ids bigint[];
  strong_ids bigint[] := '{}';
  total bigint;
  exact boolean;
begin
  -- Without filters, the indexed articles not visible now (scheduled for later, trashed) and the one left out,
  -- so that counting and the newest come from the index alone.
  if not filtered then
    select coalesce(array_agg(distinct h.id), '{}') into hidden from (
      (select a.id from articles a where a.status = 'scheduled' and a.published_at > now_at limit hidden_max + 1)
      union all (select a.id from articles a where a.trashed_at is not null limit hidden_max + 1)) h;
    if exclude_id is not null then hidden := hidden || exclude_id; end if;
    if cardinality(hidden) > hidden_max then hidden := null; end if;
  end if;

  if hidden is not null then
    if recent_ids > 0 then
      -- The window first. Its bound is applied in the aggregates: given a range in the WHERE clause, the planner
      -- walks the primary key and unpacks each row's vector instead of taking the GIN index.
      low := (select coalesce(max(a.id), 0) from articles a) - recent_ids;
      select count(*) filter (where r.article_id > low),
          coalesce((array_agg(r.article_id order by r.article_id desc) filter (where r.article_id > low))[1:newest_n], '{}'),
          (select coalesce(min(s.article_id), 0) from article_search s) > low
        into win_n, win_ids, whole
        from article_search_recent r where r.document @@ q and not (r.article_id = any(hidden));
    end if;
    if recent_ids > 0 and (whole or win_n > cap) then
      n := win_n;
      ids := win_ids;
    else
      select count(*), case when count(*) <= cap then array_agg(m.article_id) end into n, all_ids
        from (select s.article_id from article_search s where s.document @@ q and not (s.article_id = any(hidden)) limit cap + 1) m;
      if cardinality(win_ids) >= newest_n then
        ids := win_ids;
      elsif all_ids is not null or n = 0 then
        ids := array(select x from unnest(coalesce(all_ids, '{}')) x order by x desc limit newest_n);
      else
        ids := array(select s.article_id from article_search s where s.document @@ q and not (s.article_id = any(hidden))
          order by s.article_id + 0 desc limit newest_n);
      end if;
    end if;
  else
    select count(*) into n from (select 1 from article_search s join articles a on a.id = s.article_id
      where s.document @@ q and ${SHOWN} limit cap + 1) m;
    ids := array(select s.article_id from article_search s join articles a on a.id = s.article_id
      where s.document @@ q and ${SHOWN} order by s.article_id + 0 desc limit newest_n);
  end if;

  exact := n <= cap;
  total := least(n, cap);
  r_id := null; r_score := null; r_published_at := null; r_strong := null; r_total := total; r_exact := exact;
  return next;
  if total = 0 or page_offset >= total then return; end if;

  if not exact or total > newest_n then
    if has_none then
      strong_ids := array(select st.article_id from article_search_strong st where st.strong @@ positive
        and st.article_id in (select s.article_id from article_search s where s.document @@ q)
        order by st.article_id + 0 desc limit strong_n);
    else
      strong_ids := array(select st.article_id from article_search_strong st where st.strong @@ positive
        order by st.article_id + 0 desc limit strong_n);
    end if;
  end if;

  -- Scored, and checked once more against visible() and the filters (strong candidates were not). The text is
  -- not matched again: each candidate was found in this snapshot.
  return query
    select s.article_id, (ts_rank_cd('{0.2, 0.1, 0.4, 1.0}'::float4[], s.document, q, 1) * ${BOOST})::float8, a.published_at, false, total, exact
      from article_search s join articles a on a.id = s.article_id
      where s.article_id = any(ids) and not (s.article_id = any(strong_ids)) and ${SHOWN}
    union all
    select st.article_id, (ts_rank_cd('{0.2, 0.1, 0.4, 1.0}'::float4[], st.strong, positive, 1) * ${BOOST})::float8, a.published_at, true, total, exact
      from article_search_strong st join articles a on a.id = st.article_id
      where st.article_id = any(strong_ids) and ${SHOWN};
end
$rank$`;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(RANK_FUNCTION).execute(db);
}
