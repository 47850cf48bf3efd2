import type { ExportFile } from '../../../shared/model/export';

/** Save a file the service produced: a browser download, or Electron's save dialog. */
export function saveExportFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.dataBase64)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function decodeBase64Text(dataBase64: string): string {
  return new TextDecoder().decode(base64ToBytes(dataBase64));
}

function base64ToBytes(dataBase64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** "“ukraine-talks.pdf” (48 KB)", for the line that confirms a download. */
export function describeFile(file: ExportFile): string {
  const padding = file.dataBase64.endsWith('==') ? 2 : file.dataBase64.endsWith('=') ? 1 : 0;
  const bytes = Math.max(0, Math.floor((file.dataBase64.length * 3) / 4) - padding);
  const size = bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
  return `“${file.fileName}” (${size})`;
}
