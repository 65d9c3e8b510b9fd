import { rawHtml, type SafeHtml } from '../../../platform/html/safe-html.js';

export function PageView({ title, bodyHtml }: { title: string; bodyHtml: SafeHtml }) {
  return (
    <article class="page">
      <h1 class="headline">{title}</h1>
      <div class="article-body" dangerouslySetInnerHTML={rawHtml(bodyHtml)} />
    </article>
  );
}

export function ErrorView({ status }: { status: number }) {
  const [title, text] =
    status === 410
      ? ['This page has been removed', 'What was published here has been withdrawn and will not come back.']
      : status === 400
        ? ['That address is not valid', 'The address could not be read. Check it for typing errors.']
        : status === 404
          ? ['Page not found', 'Nothing is published at this address. It may have moved, or the link may be mistyped.']
          : ['Something went wrong', 'The page could not be shown just now. Please try again in a moment.'];
  return (
    <section class="error-page">
      <h1 class="page-title">{title}</h1>
      <p>{text}</p>
      <p>
        Try the <a href="/">front page</a> or the archives.
      </p>
    </section>
  );
}
