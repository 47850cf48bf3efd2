/**
 * E-mail reader (.eml). An analyst's mailbox carries articles two ways: pasted or forwarded in
 * the body, or attached as saved pages and documents. The body is an article when it has enough
 * text of its own; each article-like attachment becomes an article of its own.
 */
import PostalMime, { type Email } from 'postal-mime';
import { IngestError, type ExtractOptions, type ExtractedArticle } from './types';
import { dateToIso, type PublishedDate } from './dates';
import { readHtmlLenient } from './html/fragment';
import { readText } from './text-dump';

/** How the dispatcher reads an attached file (PDF, DOCX, …) so this module need not import it. */
export type AttachmentReader = (bytes: Uint8Array, fileName: string, options: ExtractOptions) => Promise<ExtractedArticle[]>;

const SUBJECT_PREFIX = /^\s*((re|fwd?|fw|aw|wg|tr|rv|sv|vs|ответ|пересл|переслано|отв)\s*(\[\d+\])?\s*:\s*)+/i;

/** "Fwd: RE: Kremlin rejects…" → "Kremlin rejects…". */
export function cleanSubject(subject: string | undefined): string | null {
  const cleaned = (subject ?? '').replace(SUBJECT_PREFIX, '').replace(/\s+/g, ' ').trim();
  return cleaned || null;
}

/** Drop the quoted header block that mail clients put on top of a forwarded message. */
interface ForwardedDate {
  date: Date;
  precision: 'minute' | 'day';
}

function stripForwardHeader(text: string): { text: string; forwardedDate: ForwardedDate | null } {
  const marker = /^-{2,}\s*(forwarded message|original message|пересылаемое сообщение|исходное сообщение)\s*-{2,}\s*$|^begin forwarded message:\s*$/im;
  const match = marker.exec(text);
  if (!match) return { text, forwardedDate: null };
  const after = text.slice(match.index + match[0].length).replace(/^\s*\n/, '');
  const lines = after.split('\n');
  let i = 0;
  let forwardedDate: ForwardedDate | null = null;
  while (i < lines.length && /^\s*(from|date|sent|subject|to|cc|от|дата|тема|кому)\s*:/i.test(lines[i]!)) {
    const date = /^\s*(date|sent|дата)\s*:\s*(.+)$/i.exec(lines[i]!);
    if (date) {
      const raw = date[2]!.replace(/\s+at\s+/i, ' ');
      const parsed = new Date(raw);
      // Without a zone the time is the forwarder's local time, unknown here: keep the day.
      const zoned = /[+-]\d{2}:?\d{2}\b|\b(GMT|UTC|Z)\b/.test(raw);
      if (!Number.isNaN(parsed.getTime())) forwardedDate = { date: parsed, precision: zoned ? 'minute' : 'day' };
    }
    i++;
  }
  const before = text.slice(0, match.index).trim();
  // A note above the forward ("FYI — see below") is the sender's, not the article's.
  void before;
  return { text: lines.slice(i).join('\n'), forwardedDate };
}

function sender(email: Email): string | null {
  const from = email.from;
  if (!from) return null;
  return from.name?.trim() || null;
}

export async function readEml(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions,
  readAttachment: AttachmentReader,
): Promise<ExtractedArticle[]> {
  if (Buffer.from(bytes.subarray(0, 8192)).includes(0)) {
    throw new IngestError('corrupt_email', `${fileName} is binary data, not an e-mail message`);
  }
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50 });
  } catch (error) {
    throw new IngestError('corrupt_email', `${fileName} is not a readable e-mail message (${(error as Error).message})`);
  }
  const hasHeaders = email.headers.some((h) => ['from', 'subject', 'date', 'content-type'].includes(h.key));
  if (!hasHeaders) throw new IngestError('corrupt_email', `${fileName} has no e-mail headers (From, Subject, Date)`);

  const subject = cleanSubject(email.subject);
  const forwarded = /^\s*(fwd?|fw|wg|tr|пересл)/i.test(email.subject ?? '');
  const headerDate = email.date ? dateToIso(new Date(email.date), 'minute') : null;
  const articles: ExtractedArticle[] = [];
  const withDate = (article: ExtractedArticle, fallback: PublishedDate | null): ExtractedArticle =>
    article.publishedAt || !fallback ? article : { ...article, publishedAt: fallback.publishedAt, publishedPrecision: fallback.precision };

  // Attachments first: when articles arrive attached, the body is usually just a cover note.
  for (const [index, attachment] of email.attachments.entries()) {
    if (attachment.related || attachment.contentId && attachment.disposition !== 'attachment' && /^image\//.test(attachment.mimeType)) continue;
    const name = attachment.filename ?? `attachment-${index + 1}${extensionFor(attachment.mimeType)}`;
    if (!isArticleLike(name, attachment.mimeType)) continue;
    const content = attachment.content;
    const data =
      typeof content === 'string' ? new Uint8Array(Buffer.from(content, attachment.encoding === 'base64' ? 'base64' : 'utf8')) : new Uint8Array(content);
    const label = `${fileName} › ${name}`;
    const fileNameForReader = /\.[a-z0-9]+$/i.test(name) ? name : name + extensionFor(attachment.mimeType);
    try {
      const found = await readAttachment(data, fileNameForReader, options);
      found.forEach((article, i) =>
        articles.push(
          withDate({ ...article, title: article.title ?? subject, format: 'eml', label: found.length > 1 ? `${label} › ${i + 1}` : label }, headerDate),
        ),
      );
    } catch (error) {
      // One unreadable attachment does not sink the message; the others still count.
      if (!(error instanceof IngestError)) throw error;
    }
  }

  let bodyFailure: IngestError | null = null;
  const body = bodyArticle(email, fileName, options, (error) => (bodyFailure = error));
  if (body && (articles.length === 0 || wordCount(body.article.text) >= 60)) {
    const date = body.forwardedDate ? dateToIso(body.forwardedDate.date, body.forwardedDate.precision) : headerDate;
    articles.unshift(
      withDate(
        {
          ...body.article,
          title: subject ?? body.article.title,
          outlet: body.article.outlet ?? (forwarded ? null : sender(email)),
          format: 'eml',
          label: fileName,
        },
        date,
      ),
    );
  }
  // A body that could not be read says why (nested too deeply, …) when nothing else was found.
  if (articles.length === 0) throw bodyFailure ?? new IngestError('no_article', `${fileName} has neither an article in its body nor an article attached`);
  return articles;
}

function bodyArticle(
  email: Email,
  fileName: string,
  options: ExtractOptions,
  onFailure: (error: IngestError) => void,
): { article: ExtractedArticle; forwardedDate: ForwardedDate | null } | null {
  const textBody = email.text?.trim() ? stripForwardHeader(email.text) : null;
  try {
    if (email.html?.trim()) {
      const article = readHtmlLenient(email.html, fileName, options, 'eml');
      const stripped = stripForwardHeader(article.text.replace(/\n\n/g, '\n'));
      if (stripped.text !== article.text.replace(/\n\n/g, '\n')) {
        const text = readText(stripped.text, fileName, options).text;
        return { article: { ...article, text: text || article.text }, forwardedDate: stripped.forwardedDate };
      }
      return { article, forwardedDate: textBody?.forwardedDate ?? null };
    }
    if (textBody?.text.trim()) {
      const article = readText(textBody.text, fileName, options);
      return article.text ? { article, forwardedDate: textBody.forwardedDate } : null;
    }
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    if (error.code !== 'no_article') onFailure(error);
  }
  return null;
}

function isArticleLike(name: string, mimeType: string): boolean {
  if (/\.(html?|xhtml|mhtml?|txt|text|md|markdown|pdf|docx|eml)$/i.test(name)) return true;
  return /^(text\/(html|plain|markdown)|application\/(pdf|xhtml\+xml|vnd\.openxmlformats-officedocument\.wordprocessingml\.document)|message\/rfc822|multipart\/related)$/i.test(
    mimeType,
  );
}

function extensionFor(mimeType: string): string {
  const map: Record<string, string> = {
    'text/html': '.html',
    'application/xhtml+xml': '.xhtml',
    'text/plain': '.txt',
    'text/markdown': '.md',
    'application/pdf': '.pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
    'message/rfc822': '.eml',
    'multipart/related': '.mhtml',
  };
  return map[mimeType.toLowerCase()] ?? '';
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
