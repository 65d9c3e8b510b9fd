import { badInput } from '../../../platform/http/errors.js';

/** Longest accepted alt text, caption and credit, in characters. */
export const TEXT_LIMITS = { alt: 500, caption: 2000, credit: 300 } as const;
export type MediaTextField = keyof typeof TEXT_LIMITS;

/** Trims and checks one of alt, caption, credit: plain text, one line for alt and credit. */
export function cleanMediaText(field: MediaTextField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw badInput(`${label(field)} must be text.`, field);
  const v = value.replace(/\r\n?/g, '\n').trim();
  const max = TEXT_LIMITS[field];
  if ([...v].length > max) throw badInput(`${label(field)} must be at most ${max} characters (it has ${[...v].length}).`, field);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v)) throw badInput(`${label(field)} contains control characters; remove them.`, field);
  if (field !== 'caption' && v.includes('\n')) throw badInput(`${label(field)} must be a single line.`, field);
  return v;
}

function label(field: MediaTextField): string {
  return field === 'alt' ? 'Alt text' : field === 'caption' ? 'The caption' : 'The credit';
}
