// The comment section: the count (or "Be the first to comment"), the threads of this page, page links, and the
// "Leave a Reply" form. Works without JavaScript: a Reply link leads to a page with the form for that comment;
// with it, comments.js moves the form under the comment instead and adds the proof of work.
import type { ComponentChildren } from 'preact';
import type { PublicComment, ThreadNode } from '../queries.js';
import type { FormToken } from '../signing.js';
import { CommentText, LIMITS, UGC_REL } from '../text.js';
import { Identicon } from './identicon.js';

const when = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

export function formatWhen(iso: string): string {
  return `${when.format(new Date(iso)).replace(',', ' at')} UTC`;
}

export interface Assets {
  scriptUrl: string;
  cssUrl: string;
}

/** What a re-shown form carries back to the reader. The address is never written into the page: see emailSealed. */
export interface FormValues {
  name: string;
  url: string;
  body: string;
  parentId: string;
  notify: boolean;
  remember: boolean;
  /** The address typed last time, sealed (AES-GCM): sent back in a hidden field, used when the field is left empty. */
  emailSealed?: string;
  /** Shown in the field only when the field itself was the problem (it is not a working address then). */
  emailShown?: string;
  /** A remembered address (cookie) is on file: the field may be left empty. */
  emailRemembered?: boolean;
}

export interface FormProps {
  articleId: number;
  articlePath: string;
  token: FormToken;
  powBits: number;
  values?: FormValues;
  message?: string;
  field?: string;
  /** Replying to this comment (the reply page, or a re-shown reply). */
  replyTo?: { id: number; authorName: string } | null;
}

export function CommentForm(p: FormProps) {
  const v = p.values;
  const emailKept = !!(v?.emailSealed || v?.emailRemembered);
  const err = (f: string) => (p.field === f ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'comment-error' } : {});
  return (
    <div id="respond" class="comment-respond">
      <h2 id="reply-title" class="comment-reply-title">
        {p.replyTo ? (
          <>
            Reply to <bdi>{p.replyTo.authorName}</bdi>
          </>
        ) : (
          'Leave a Reply'
        )}{' '}
        <small>
          <a id="cancel-comment-reply-link" class="cancel-reply" href={`${p.articlePath}#respond`} hidden={!p.replyTo}>
            Cancel reply
          </a>
        </small>
      </h2>
      {p.message && (
        <p id="comment-error" class="comment-error" role="alert">
          {p.message}
        </p>
      )}
      <form action="/comments" method="post" id="commentform" class="comment-form" data-pow-bits={String(p.powBits)}>
        <p class="comment-notes">
          Required fields are marked <span class="required">*</span>
        </p>
        <p class="comment-form-comment">
          <label for="comment">
            Comment <span class="required">*</span>
          </label>
          <textarea id="comment" name="body" cols={45} rows={8} maxLength={LIMITS.body} required {...err('body')}>
            {v?.body ?? ''}
          </textarea>
        </p>
        <p class="comment-form-author">
          <label for="author">
            Name <span class="required">*</span>
          </label>
          <input id="author" name="name" type="text" value={v?.name ?? ''} size={30} maxLength={LIMITS.name} autoComplete="name" required {...err('name')} />
        </p>
        <p class="comment-form-email">
          <label for="email">
            Email <span class="required">*</span>
          </label>
          <input
            id="email"
            name="email"
            type="email"
            value={v?.emailShown ?? ''}
            size={30}
            maxLength={LIMITS.email}
            autoComplete="email"
            required={!emailKept}
            aria-describedby={p.field === 'email' ? 'comment-error email-notes' : 'email-notes'}
            {...(p.field === 'email' ? { 'aria-invalid': 'true' as const } : {})}
            placeholder={emailKept ? 'Kept from before: leave empty to use it' : undefined}
          />{' '}
          <span id="email-notes" class="email-notes">
            Your email address will not be published.{emailKept ? ' We kept the address you gave (it is not shown here); leave the field empty to use it, or type another.' : ''}
          </span>
          {v?.emailSealed && <input type="hidden" name="email_sealed" value={v.emailSealed} />}
        </p>
        <p class="comment-form-url">
          <label for="url">Website</label>
          <input id="url" name="url" type="text" inputMode="url" value={v?.url ?? ''} size={30} maxLength={LIMITS.url} autoComplete="url" {...err('url')} />
        </p>
        <div class="comment-hp" hidden aria-hidden="true">
          <label for="homepage">Leave this field empty</label>
          <input id="homepage" name="homepage" type="text" value="" tabIndex={-1} autoComplete="off" />
        </div>
        <p class="comment-form-cookies-consent">
          <input id="remember" name="remember" type="checkbox" value="1" checked={!!v?.remember} />{' '}
          <label for="remember">Save my name, email and website in this browser (a cookie) for the next time I comment.</label>
        </p>
        <p class="comment-form-notify">
          <input id="notify" name="notify" type="checkbox" value="1" checked={!!v?.notify} /> <label for="notify">Email me when someone replies to my comment (we will ask you to confirm first).</label>
        </p>
        <p class="form-submit">
          <button type="submit" id="comment-submit" class="submit">
            Post Comment
          </button>
          <input type="hidden" name="article_id" value={String(p.articleId)} />
          <input type="hidden" name="ts" value={String(p.token.ts)} />
          <input type="hidden" name="sig" value={p.token.sig} />
          <input type="hidden" name="parent_id" id="comment_parent" value={p.replyTo ? String(p.replyTo.id) : (v?.parentId ?? '')} />
          <input type="hidden" name="pow" value="" />
          <input type="hidden" name="powv" value="" />
        </p>
        <p class="comment-check-status" role="status" aria-live="polite"></p>
      </form>
    </div>
  );
}

export interface CommentItemOptions {
  maxDepth: number;
  open: boolean;
  avatars: boolean;
}

export function CommentItem({ node, o }: { node: ThreadNode; o: CommentItemOptions }) {
  const c = node.comment;
  return (
    <li class={`comment depth-${node.depth}`} id={`comment-${c.id}`}>
      <article class="comment-body">
        <footer class="comment-meta">
          {o.avatars && <Identicon seed={c.avatarSeed} />}
          <b class="comment-author">
            <bdi>
              {c.authorUrl ? (
                <a href={c.authorUrl} rel={`external ${UGC_REL}`}>
                  {c.authorName}
                </a>
              ) : (
                c.authorName
              )}
            </bdi>
          </b>{' '}
          <a class="comment-permalink" href={`#comment-${c.id}`}>
            <time dateTime={c.createdAt}>{formatWhen(c.createdAt)}</time>
          </a>
        </footer>
        <div class="comment-content">
          <CommentText body={c.body} />
        </div>
        {o.open && node.depth < o.maxDepth && (
          <p class="reply">
            <a class="comment-reply-link" href={`/comments/${c.id}/reply/#respond`} data-comment-id={String(c.id)} aria-label={`Reply to ${c.authorName}`}>
              Reply
            </a>
          </p>
        )}
      </article>
      {node.children.length > 0 && (
        <ol class="children">
          {node.children.map((k) => (
            <CommentItem node={k} o={o} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function CommentCount({ n }: { n: number }) {
  return <>{n === 1 ? '1 comment' : `${n.toLocaleString('en-GB')} comments`}</>;
}

export interface SectionProps {
  article: { id: number; path: string; headline: string };
  total: number;
  threads: ThreadNode[];
  page: number;
  pages: number;
  order: 'oldest' | 'newest';
  open: boolean;
  item: CommentItemOptions;
  form: FormProps | null;
  assets: Assets;
}

export function pageHref(articlePath: string, n: number): string {
  return n <= 1 ? `${articlePath}#comments` : `${articlePath}comments/page/${n}/#comments`;
}

function CommentPages({ path, page, pages, order }: { path: string; page: number; pages: number; order: 'oldest' | 'newest' }) {
  if (pages <= 1) return null;
  const [earlier, later] = order === 'oldest' ? ['Older comments', 'Newer comments'] : ['Newer comments', 'Older comments'];
  return (
    <nav class="comment-navigation" aria-label="Comment pages">
      {page > 1 && (
        <a class="nav-previous" rel="prev" href={pageHref(path, page - 1)}>
          ← {earlier}
        </a>
      )}{' '}
      <span class="page-count">
        Comments page {page} of {pages}
      </span>{' '}
      {page < pages && (
        <a class="nav-next" rel="next" href={pageHref(path, page + 1)}>
          {later} →
        </a>
      )}
    </nav>
  );
}

/** The inside of <section class="comments" id="comments">. */
export function CommentsInner(p: SectionProps): ComponentChildren {
  return (
    <>
      <link rel="stylesheet" href={p.assets.cssUrl} />
      <h2 class="comments-title">
        {p.total > 0 ? (
          <>
            <CommentCount n={p.total} /> on “{p.article.headline}”
          </>
        ) : p.open ? (
          'Be the first to comment'
        ) : (
          'No comments'
        )}
      </h2>
      <p id="comment-pending" class="comment-notice" role="status" hidden>
        Thank you: your comment is awaiting moderation. It will appear here once an editor approves it.
      </p>
      <CommentPages path={p.article.path} page={p.page} pages={p.pages} order={p.order} />
      {p.threads.length > 0 && (
        <ol class="comment-list">
          {p.threads.map((n) => (
            <CommentItem node={n} o={p.item} />
          ))}
        </ol>
      )}
      <CommentPages path={p.article.path} page={p.page} pages={p.pages} order={p.order} />
      {p.form ? <CommentForm {...p.form} /> : <p class="comments-closed">Comments are closed.</p>}
      <p class="comments-feed">
        <a href={`${p.article.path}feed/`}>Comments feed (RSS)</a>
      </p>
      {p.form && <script src={p.assets.scriptUrl} defer></script>}
    </>
  );
}

/** The comment being answered, quoted on the reply page. */
export function QuotedComment({ c }: { c: PublicComment }) {
  return (
    <blockquote class="comment-quote">
      <p class="comment-meta">
        <b>
          <bdi>{c.authorName}</bdi>
        </b>{' '}
        wrote on <time dateTime={c.createdAt}>{formatWhen(c.createdAt)}</time>:
      </p>
      <CommentText body={c.body} />
    </blockquote>
  );
}
