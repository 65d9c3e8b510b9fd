// Pages of the comments module: a page of an article's comments, the reply page (JavaScript off), the form shown
// again with what the reader typed and what to do next, and the pages behind the links in mails.
import type { ComponentChildren, VNode } from 'preact';
import type { PublicComment } from '../queries.js';
import { CommentText } from '../text.js';
import { CommentForm, QuotedComment, type Assets, type FormProps } from './section.js';

export function CommentsPageView({ article, section, page }: { article: { path: string; headline: string }; section: VNode; page: number }) {
  return (
    <article class="comment-page">
      <header class="page-header">
        <h1 class="page-title">
          Comments on “{article.headline}” (page {page})
        </h1>
        <p>
          <a href={article.path}>← Back to the article</a>
        </p>
      </header>
      <section class="comments" id="comments" aria-label="Comments">
        {section}
      </section>
    </article>
  );
}

export function FormPageView(p: {
  title: string;
  article: { path: string; headline: string } | null;
  quoted?: PublicComment | null;
  form: FormProps | null;
  message?: string;
  /** Shown when there is no form to put it back into (the article is gone, comments closed). */
  keptText?: string;
  assets: Assets;
}) {
  return (
    <article class="comment-page">
      <header class="page-header">
        <h1 class="page-title">{p.title}</h1>
        {p.article && (
          <p>
            <a href={p.article.path}>← Back to “{p.article.headline}”</a>
          </p>
        )}
      </header>
      {p.quoted && <QuotedComment c={p.quoted} />}
      <section class="comments" id="comments" aria-label="Comments">
        <link rel="stylesheet" href={p.assets.cssUrl} />
        {p.form ? (
          <>
            <CommentForm {...p.form} />
            <script src={p.assets.scriptUrl} defer></script>
          </>
        ) : (
          <>
            {p.message && (
              <p id="comment-error" class="comment-error" role="alert">
                {p.message}
              </p>
            )}
            {p.keptText && (
              <p>
                <label for="kept">What you wrote, to copy and keep:</label>
                <textarea id="kept" rows={8} cols={45} readOnly>
                  {p.keptText}
                </textarea>
              </p>
            )}
          </>
        )}
      </section>
    </article>
  );
}

export function MessagePageView(p: { title: string; children: ComponentChildren; comment?: { body: string } | null; action?: { token: string; label: string } | null; back?: { path: string; headline: string } | null }) {
  return (
    <section class="comment-action-page">
      <h1 class="page-title">{p.title}</h1>
      {p.children}
      {p.comment && (
        <blockquote class="comment-quote">
          <CommentText body={p.comment.body} />
        </blockquote>
      )}
      {p.action && (
        <form method="post" action="/comments/action/">
          <input type="hidden" name="t" value={p.action.token} />
          <button type="submit">{p.action.label}</button>
        </form>
      )}
      {p.back && (
        <p>
          <a href={p.back.path}>Go to “{p.back.headline}”</a>
        </p>
      )}
    </section>
  );
}
