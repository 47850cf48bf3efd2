/**
 * A matrix picture rasterised to PNG with resvg (a maintained Rust SVG renderer shipped as a
 * prebuilt Node addon: no browser, no network), for writers that need a bitmap (DOCX's fallback).
 * Twice the picture's size, so it stays sharp when printed. System fonts are loaded, so names in
 * Cyrillic or CJK are drawn with the fonts the HTML report uses.
 */
import type { MatrixPicture } from './stance-matrix-svg';

const SCALE = 2;

export async function matrixPng(picture: MatrixPicture): Promise<Buffer> {
  // Loaded on demand: a native addon, needed only when a report draws the matrix into DOCX.
  const { Resvg } = await import('@resvg/resvg-js');
  const renderer = new Resvg(picture.svg, {
    fitTo: { mode: 'width', value: picture.width * SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return renderer.render().asPng();
}
