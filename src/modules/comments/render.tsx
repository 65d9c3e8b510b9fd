// Builds the comment section for a page of an article's comments: what the article page puts in its slot, and
// what the comment pages and the reply page show. Returns the cache tags the section depends on and the instant
// the page must stop being served (its form token's end, less an hour to write in; or when comments auto-close).
import type { VNode } from 'preact';
import type { Ctx } from '../../platform/context/index.js';
import { assetUrl, loadAssets } from '../../web/assets.js';
import { approvedComments, layoutThreads, threadState, threadsOnPage, type ThreadLayout, type ThreadState } from './queries.js';
import { readCommentSettings, type CommentSettings } from './settings.js';
import { FORM_SLACK_MS, issueFormToken, keysFor, TOKEN_TTL_MS } from './signing.js';
import { CommentsInner, type Assets, type FormProps } from './views/section.js';
import { SETTINGS_TAG } from './operations/saveCommentSettings.js';

let assets: Assets | null = null;
export function commentAssets(): Assets {
  if (!assets) {
    const all = loadAssets();
    assets = { scriptUrl: assetUrl(all, 'comments.js'), cssUrl: assetUrl(all, 'comments.css') };
  }
  return assets;
}

export interface SectionArticle {
  id: number;
  path: string;
  headline: string;
  publishedAt: string;
}

export interface BuiltSection {
  node: VNode;
  tags: string[];
  expiresAt: number;
  layout: ThreadLayout;
  state: ThreadState;
  settings: CommentSettings;
}

export interface SectionOptions {
  page?: number;
  /** Replaces the plain form (a re-shown form, or the reply page's). */
  form?: Partial<FormProps>;
  now?: number;
}

export async function buildCommentSection(ctx: Ctx, article: SectionArticle, opts: SectionOptions = {}): Promise<BuiltSection> {
  const now = opts.now ?? Date.now();
  const [settings, keys, comments] = await Promise.all([readCommentSettings(ctx.db), keysFor(ctx.db), approvedComments(ctx.db, article.id)]);
  const state = await threadState(ctx.db, article, settings, now);
  const layout = layoutThreads(comments, settings);
  const page = Math.min(Math.max(1, opts.page ?? 1), layout.pages);
  const token = issueFormToken(keys, article.id, now);
  const form: FormProps | null = state.open
    ? { articleId: article.id, articlePath: article.path, token, powBits: settings.powBits, ...opts.form }
    : null;
  const node = (
    <CommentsInner
      article={article}
      total={layout.total}
      threads={threadsOnPage(layout, page, settings.perPage)}
      page={page}
      pages={layout.pages}
      order={settings.order}
      open={state.open}
      item={{ maxDepth: settings.maxDepth, open: state.open, avatars: settings.avatars }}
      form={form}
      assets={commentAssets()}
    />
  ) as VNode;
  const expiresAt = Math.min(token.ts + TOKEN_TTL_MS - FORM_SLACK_MS, state.closesAt ?? Infinity);
  return { node, tags: [`article:${article.id}`, SETTINGS_TAG], expiresAt, layout, state, settings };
}

/** For the article page: the section's contents, its tags, and when the page must stop being served. */
export async function renderCommentSection(ctx: Ctx, article: SectionArticle): Promise<{ node: VNode; tags: string[]; expiresAt: number }> {
  const s = await buildCommentSection(ctx, article);
  return { node: s.node, tags: s.tags, expiresAt: s.expiresAt };
}
