// A stand-in ingest worker for pool tests: misbehaves on cue from the file name.
//   *hang*  never answers (busy loop, like a reader stuck in a pathological file)
//   *crash* throws an uncaught exception
//   *exit*  exits the thread
//   *hog*   allocates until the worker's heap limit stops it
//   *slow*  answers after 200 ms
//   else    answers at once with one article
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  const name = request.path.split('/').pop();
  if (name.includes('hang')) {
    for (;;);
  }
  if (name.includes('crash')) throw new Error(`reader blew up on ${name}`);
  if (name.includes('exit')) process.exit(7);
  if (name.includes('hog')) {
    const held = [];
    for (;;) held.push(new Array(1_000_000).fill(held.length));
  }
  const reply = () => {
    const bytes = new TextEncoder().encode(name);
    parentPort.postMessage(
      {
        id: request.id,
        ok: true,
        articles: [{ title: name, byline: null, outlet: null, publishedAt: null, publishedPrecision: null, url: null, language: null, text: name, html: null, format: 'text', label: name }],
        bytes,
      },
      [bytes.buffer],
    );
  };
  if (name.includes('slow')) setTimeout(reply, 200);
  else reply();
});
