// What a WordPress eXtended RSS export holds, as the parser hands it over. Strings as found (trimmed where
// WordPress pads them); the importer decides what they become.
import type { PreparedItem } from '../wordpress/prepare.js';

export interface WxrChannel {
  title: string;
  link: string;
  description: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
}

export interface WxrAuthor {
  line: number;
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  /** Not in WordPress's exports; Broadside's carry the author's bio in it. */
  description: string;
}

export interface WxrTerm {
  line: number;
  /** 'category', 'post_tag', 'nav_menu', a custom taxonomy… */
  taxonomy: string;
  id: string;
  slug: string;
  parent: string;
  name: string;
  description: string;
  meta: WxrMeta[];
}

export interface WxrMeta {
  key: string;
  value: string;
}

export interface WxrItemTerm {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  type: string;
  parent: string;
  userId: string;
}

export interface WxrItem {
  line: number;
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  modifiedGmt: string;
  commentStatus: string;
  postName: string;
  status: string;
  postParent: string;
  menuOrder: string;
  postType: string;
  postPassword: string;
  isSticky: string;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
  /** Fields cut at the size limit: the item is skipped and reported. */
  oversized: string[];
  /** Worked out by the reading thread (see wordpress/prepare.ts). */
  prepared?: PreparedItem;
}

export type WxrRecord =
  | { kind: 'channel'; channel: WxrChannel }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

export function emptyItem(line: number): WxrItem {
  return {
    line,
    title: '',
    link: '',
    pubDate: '',
    creator: '',
    guid: '',
    content: '',
    excerpt: '',
    postId: '',
    postDate: '',
    postDateGmt: '',
    modifiedGmt: '',
    commentStatus: '',
    postName: '',
    status: '',
    postParent: '',
    menuOrder: '',
    postType: '',
    postPassword: '',
    isSticky: '',
    attachmentUrl: '',
    terms: [],
    meta: [],
    comments: [],
    oversized: [],
  };
}
