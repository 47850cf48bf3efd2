/** What Parley extracts from one file, without a case (the `parley extract` command). */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ParleyError } from '../../shared/errors';
import type { ArticlePreview } from '../../shared/model/import';
import { extractFile, IngestError } from '../ingest/index';

export async function previewExtraction(path: string): Promise<ArticlePreview[]> {
  const file = resolve(path);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new ParleyError('not_found', `${path} is not a readable file`);
  try {
    const articles = await extractFile(file);
    return articles.map(({ title, byline, outlet, publishedAt, url, language, text }) => ({ title, byline, outlet, publishedAt, url, language, text }));
  } catch (error) {
    if (error instanceof IngestError) throw new ParleyError('invalid_input', error.message);
    throw error;
  }
}
