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
