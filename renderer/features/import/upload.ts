/** Browser mode: files reach the service as uploads, one at a time, so progress and cancel are per file. */
import type { ImportFileResult } from '../../../shared/model/import';
import { api } from '../../api';
import { fileToBase64 } from '../../ui/files';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function uploadFile(file: File): Promise<ImportFileResult[]> {
  if (file.size > MAX_UPLOAD_BYTES) {
    return [
      {
        file: file.name,
        label: file.name,
        status: 'error',
        error: { code: 'too_large', message: `${file.name} is ${(file.size / 1048576).toFixed(0)} MB; the limit is 50 MB` },
      },
    ];
  }
  const dataBase64 = await fileToBase64(file);
  const result = await api.call('import:upload', { name: relativeName(file), dataBase64, lastModified: file.lastModified });
  if (result.ok) return result.value;
  return [{ file: file.name, label: file.name, status: 'error', error: result.error }];
}

function relativeName(file: File): string {
  return (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
}

/** Files from a drop, walking dropped folders (browser mode: no paths, only entries). */
export async function filesFromDrop(dataTransfer: DataTransfer): Promise<File[]> {
  const entries = [...dataTransfer.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return [...dataTransfer.files];
  const files: File[] = [];
  for (const entry of entries) await collect(entry, files);
  return files;
}

async function collect(entry: FileSystemEntry, into: File[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    into.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await collect(child, into);
    }
  }
}
