import { useEffect, useRef } from 'react';

/**
 * Shows Parley's own report HTML inside the page. The page's CSP forbids inline styles (and a
 * srcdoc frame inherits that policy), so the report is parsed inertly with DOMParser, its CSS is
 * applied as a constructed stylesheet, and its body goes into a shadow root, isolated from the app's
 * styles. Nothing in it can run: the report contains no script, and the CSP forbids inline handlers.
 */
/** A sheet of paper on a grey desk, as wide as a printed page, so the preview reads like the report. */
const PAGE_CSS = `
:host { background: #e9edf2; }
.report-body { box-sizing: border-box; max-width: 210mm; min-height: 100%; margin: 16px auto; padding: 18mm 20mm; background: #fff; box-shadow: 0 2px 12px rgba(20, 30, 50, 0.15); }
`;

export function ReportPreview({ html }: { html: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    // Even an inert DOMParser document is checked against the page's CSP, so the report's <style>
    // and style attributes are taken out of the markup first (the report escapes all text, so these
    // sequences occur only as Parley's own markup) and applied through the CSSOM instead.
    const css: string[] = [];
    const markup = html
      .replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (_match, text: string) => {
        css.push(text);
        return '';
      })
      .replace(/\sstyle="([^"]*)"/gi, ' data-report-style="$1"');
    const parsed = new DOMParser().parseFromString(markup, 'text/html');
    parsed.querySelectorAll('script, link, meta, iframe, object, embed').forEach((node) => node.remove());
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css.join('\n').replace(/@import[^;]+;/g, ''));
    // The report's own body styles apply to the page-like sheet the preview puts it on.
    const page = new CSSStyleSheet();
    page.replaceSync(PAGE_CSS);
    root.adoptedStyleSheets = [page, sheet];
    const body = document.createElement('div');
    body.className = 'report-body';
    body.append(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
    body.querySelectorAll<HTMLElement>('[data-report-style]').forEach((element) => {
      element.style.cssText = element.dataset.reportStyle ?? '';
      element.removeAttribute('data-report-style');
    });
    root.replaceChildren(body);
  }, [html]);
  return <div ref={host} className="report-preview-host" data-testid="report-preview-frame" />;
}
