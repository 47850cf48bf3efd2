/**
 * Article language as ISO 639-1, for every reader: a declared tag ("en-GB", og:locale) when the
 * source has one, else detection on the body text.
 */
import { franc } from 'franc-min';

/** ISO 639-3 (franc) → ISO 639-1 for the languages franc-min knows that have a two-letter code. */
const ISO_639_3_TO_1: Record<string, string> = {
  eng: 'en', rus: 'ru', ukr: 'uk', deu: 'de', fra: 'fr', spa: 'es', por: 'pt', ita: 'it', nld: 'nl',
  pol: 'pl', ces: 'cs', slk: 'sk', ron: 'ro', hun: 'hu', bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs',
  slv: 'sl', bel: 'be', tur: 'tr', arb: 'ar', ara: 'ar', pes: 'fa', fas: 'fa', heb: 'he', hin: 'hi',
  ben: 'bn', urd: 'ur', cmn: 'zh', zho: 'zh', jpn: 'ja', kor: 'ko', vie: 'vi', tha: 'th', ind: 'id',
  zlm: 'ms', msa: 'ms', swe: 'sv', dan: 'da', nob: 'no', nor: 'no', fin: 'fi', ell: 'el', kat: 'ka',
  hye: 'hy', azj: 'az', aze: 'az', kaz: 'kk', uzn: 'uz', uzb: 'uz', tgl: 'tl', swh: 'sw', swa: 'sw',
  amh: 'am', hau: 'ha', yor: 'yo', ibo: 'ig', som: 'so', zul: 'zu', xho: 'xh', afr: 'af', tam: 'ta',
  tel: 'te', mar: 'mr', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', npi: 'ne', sin: 'si', mya: 'my',
  khm: 'km', lit: 'lt', lav: 'lv', est: 'et', cat: 'ca', glg: 'gl', eus: 'eu', ckb: 'ku', kir: 'ky',
  tgk: 'tg', tuk: 'tk', mkd: 'mk', sqi: 'sq', als: 'sq', lao: 'lo', mon: 'mn', khk: 'mn', pbu: 'ps',
};

/** "en-GB" → "en"; anything that is not a language tag → null. */
export function languageFromTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return ISO_639_3_TO_1[primary] ?? null;
  return null;
}

/** ISO 639-1 code of the text's language, or null when the text is too short or mixed. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 4000);
  const letters = sample.replace(/[^\p{L}]/gu, '');
  if (letters.length < 40) return null;
  const cyrillic = (letters.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  if (cyrillic / letters.length > 0.5) {
    // franc-min tells Ukrainian from Russian (and Bulgarian) poorly; these letters are Ukrainian only.
    const ukrainian = (sample.match(/[іїєґІЇЄҐ]/g) ?? []).length;
    const russian = (sample.match(/[ыэъЫЭЪ]/g) ?? []).length;
    if (ukrainian > russian && ukrainian >= 3) return 'uk';
    if (russian > 0) return 'ru';
  }
  // Trigram statistics guess wildly on a headline-length text ("Kremlin repeats Donbas demand" → fr):
  // below a few sentences, say nothing rather than something wrong.
  if (letters.length < 200) return null;
  return ISO_639_3_TO_1[franc(sample, { minLength: 200 })] ?? null;
}
