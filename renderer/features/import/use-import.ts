import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportFileResult, ImportProgress } from '../../../shared/model/import';
import { api } from '../../api';
import { announceChanges } from '../../ui/case-changes';
import { filesFromDrop, uploadFile } from './upload';

const UPLOAD_JOB = 'upload-';

/**
 * One import at a time, whichever way the articles arrive: a job the service runs over paths (the
 * desktop's dialogs and drops; progress comes as `import:progressed`), or files the page uploads
 * one by one (browser mode), for which this builds the same progress itself.
 */
export function useImport(onFinished: () => void) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const uploadCancelled = useRef(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const finish = useCallback(async () => {
    await announceChanges(['document']);
    finished.current();
  }, []);

  useEffect(
    () =>
      api.on('import:progressed', (next) => {
        setProgress(next);
        if (next.state !== 'running') void finish();
      }),
    [finish],
  );

  const upload = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      uploadCancelled.current = false;
      const started = Date.now();
      const state: ImportProgress = {
        jobId: `${UPLOAD_JOB}${started}`,
        state: 'running',
        total: files.length,
        done: 0,
        currentFile: null,
        rate: 0,
        counts: { imported: 0, duplicate: 0, skipped: 0, error: 0 },
        results: [],
        startedAt: new Date(started).toISOString(),
        finishedAt: null,
      };
      setProgress({ ...state });
      for (const file of files) {
        if (uploadCancelled.current) break;
        state.currentFile = file.name;
        setProgress({ ...state });
        let results: ImportFileResult[];
        try {
          results = await uploadFile(file);
        } catch (error) {
          results = [{ file: file.name, label: file.name, status: 'error', error: { code: 'unreadable', message: (error as Error).message } }];
        }
        for (const result of results) {
          state.results = [...state.results, result];
          state.counts = { ...state.counts, [result.status]: state.counts[result.status] + 1 };
        }
        state.done++;
        state.rate = state.done / Math.max(0.001, (Date.now() - started) / 1000);
        setProgress({ ...state });
      }
      state.state = uploadCancelled.current ? 'cancelled' : 'done';
      if (uploadCancelled.current) state.message = `Cancelled after ${state.done} of ${state.total} files; the finished files are in the case`;
      state.currentFile = null;
      state.finishedAt = new Date().toISOString();
      setProgress({ ...state });
      await finish();
    },
    [finish],
  );

  return {
    progress,
    /** Import… / Import folder…: the shell's dialog (which starts its own job), or the page's picker. */
    choose: useCallback(async (what: 'files' | 'folder') => upload(await api.chooseImport(what)), [upload]),
    /** Files and folders dropped on the window. */
    drop: useCallback(
      async (dataTransfer: DataTransfer) => {
        const paths = api.pathsOf([...dataTransfer.files]);
        if (paths === null) await upload(await filesFromDrop(dataTransfer));
        else if (paths.length > 0) await api.call('import:start', { paths });
      },
      [upload],
    ),
    cancel: useCallback(() => {
      if (!progress) return;
      if (progress.jobId.startsWith(UPLOAD_JOB)) uploadCancelled.current = true;
      else void api.call('import:cancel', { jobId: progress.jobId });
    }, [progress]),
    dismiss: useCallback(() => setProgress(null), []),
  };
}
