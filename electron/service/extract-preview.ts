/** What Parley extracts from one file, without a case (the `parley extract` command). */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ParleyError } from '../../shared/errors';
import type { ArticlePreview, PreviewSuggestions } from '../../shared/model/import';
import { extractFile, IngestError } from '../ingest/index';
import type { Suggestions } from '../suggest/types';

export async function previewExtraction(path: string, options: { suggestions?: boolean } = {}): Promise<ArticlePreview[]> {
  const file = resolve(path);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new ParleyError('not_found', `${path} is not a readable file`);
  let articles;
  try {
    articles = await extractFile(file);
  } catch (error) {
    if (error instanceof IngestError) throw new ParleyError('invalid_input', error.message);
    throw error;
  }
  // The engine (and its NLP model) loads only when asked for: one article, no case, so in this thread.
  const engine = options.suggestions ? await import('../suggest/index') : null;
  return articles.map(({ title, byline, outlet, publishedAt, url, language, text }) => ({
    title,
    byline,
    outlet,
    publishedAt,
    url,
    language,
    text,
    ...(engine ? { suggestions: previewSuggestions(engine.suggest(text)) } : {}),
  }));
}

/** The engine's proposals in the shape `parley extract --json` documents (UTF-16 offsets into `text`). */
export function previewSuggestions(suggestions: Suggestions): PreviewSuggestions {
  return {
    parties: suggestions.parties.map((party) => ({
      name: party.name,
      kind: party.kind,
      aliases: party.aliases,
      mentions: party.mentions.map((mention) => ({ start: mention.start, end: mention.end })),
    })),
    attributions: suggestions.attributions.map((item) => ({
      speaker: item.speaker,
      anonymous: item.anonymous,
      quote: item.quote,
      kind: item.kind,
      start: item.start,
      end: item.end,
      ...(item.speakerStart !== undefined && item.speakerEnd !== undefined ? { speakerStart: item.speakerStart, speakerEnd: item.speakerEnd } : {}),
      ...(item.channel ? { channel: item.channel } : {}),
      confidence: item.confidence,
    })),
    concessions: suggestions.concessions.map((item) => ({
      text: item.text,
      by: item.by,
      ...(item.demandedBy ? { demandedBy: item.demandedBy } : {}),
      issue: item.issue,
      stance: item.stance,
      start: item.start,
      end: item.end,
      confidence: item.confidence,
    })),
  };
}
