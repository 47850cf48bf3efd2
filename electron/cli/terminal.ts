/**
 * Text from files (names, titles, article text, error messages that quote them) is untrusted: an
 * ESC in a file name would drive the terminal (colours, cursor moves, a rewritten screen), a CR
 * or LF would forge output lines. Every human-readable line the CLI prints passes such text
 * through `printable`; `--json` output is escaped by JSON itself.
 */

// C0 and C1 controls, DEL, and the bidirectional overrides that reorder what the eye reads.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_KEEP_NEWLINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escape(character: string): string {
  const code = character.charCodeAt(0);
  return NAMED[character] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** `text` with every control character shown as an escape (`\e`, `\r`, `\n`, `\x07`, `\u202e`). */
export function printable(text: unknown, options: { keepNewlines?: boolean } = {}): string {
  const value = typeof text === 'string' ? text : String(text ?? '');
  return value.replace(options.keepNewlines ? UNPRINTABLE_KEEP_NEWLINES : UNPRINTABLE, escape);
}
