import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NEAR_DUPLICATE_THRESHOLD,
  candidateKeys,
  contentHash,
  estimateSimilarity,
  fingerprint,
  jaccard,
  signature,
  signatureFromBytes,
  signatureToBytes,
} from '../../../electron/ingest/near-duplicate';

const wire = [
  'The United States and Ukraine said on Sunday they had drafted an updated and refined framework to end the war with Russia, after talks in Geneva on a 28-point plan that Kyiv and its European allies had criticised as too favourable to Moscow.',
  'The plan, drafted by U.S. envoy Steve Witkoff with input from Kremlin envoy Kirill Dmitriev, would require Ukraine to withdraw from the part of the eastern Donetsk region it still controls, cap the size of its armed forces and renounce its bid to join NATO.',
  'Ukraine\'s delegation, led by presidential chief of staff Andriy Yermak, said the sides had agreed to keep working on joint proposals in the coming days. A joint statement said the refined framework reflects their national interests.',
  'European officials, who were not at the table, circulated their own counter-proposal that would freeze the fighting along the current front line first and leave territorial questions for later talks.',
  'Russia has said it has not received any formal text. Kremlin spokesman Dmitry Peskov said Moscow\'s demand that Ukrainian troops leave the Donetsk and Luhansk regions remained unchanged.',
  'Trump had earlier set Thursday, the U.S. Thanksgiving holiday, as a deadline for Kyiv to respond, though officials in Geneva said the date was flexible.',
].join('\n\n');

// The same wire story as run by another outlet: own dateline and sign-off, curly quotes, one line cut.
const reprint = `GENEVA (Reuters) — ${wire.replace(/'/g, '’').replace(/ Trump had earlier[^]*$/, '')}\n\nThis story was provided by Reuters. Additional reporting by our Kyiv bureau.`;

const other = `Kremlin aide Yuri Ushakov said on Tuesday that no compromise had yet been found on the territorial question after five hours of talks between Vladimir Putin and U.S. envoy Steve Witkoff in Moscow.
Ushakov said some American proposals could be discussed while others were unacceptable to Russia, and that the two sides agreed not to disclose the substance of the talks.
European leaders meeting in London said any settlement must include security guarantees for Ukraine and a ceasefire on the current line.`;

test('contentHash ignores case, spacing and Unicode form, nothing else', () => {
  assert.equal(contentHash('Café  talks\n\nin GENEVA'), contentHash('cafe\u0301 talks in geneva'));
  assert.notEqual(contentHash('talks in Geneva'), contentHash('talks in Geneva.'));
  assert.match(contentHash('x'), /^[0-9a-f]{64}$/);
});

test('the same wire story in two outlets is a near duplicate and shares an LSH key', () => {
  const exact = jaccard(wire, reprint);
  assert.ok(exact >= 0.8, `fixture Jaccard ${exact}`);
  const a = signature(wire);
  const b = signature(reprint);
  const estimate = estimateSimilarity(a, b);
  assert.ok(Math.abs(estimate - exact) < 0.1, `estimate ${estimate} vs exact ${exact}`);
  assert.ok(estimate >= NEAR_DUPLICATE_THRESHOLD - 0.05);
  const keysA = new Set(candidateKeys(a));
  assert.ok(candidateKeys(b).some((k) => keysA.has(k)));
});

test('a different story on the same topic is neither similar nor a candidate', () => {
  const a = signature(wire);
  const c = signature(other);
  assert.ok(estimateSimilarity(a, c) < 0.1);
  const keysA = new Set(candidateKeys(a));
  assert.ok(!candidateKeys(c).some((k) => keysA.has(k)));
});

test('signatures are deterministic and round-trip through bytes', () => {
  const a = signature(wire);
  assert.deepEqual(signature(wire), a);
  assert.equal(a.length, 128);
  assert.deepEqual(signatureFromBytes(signatureToBytes(a)), a);
  assert.equal(candidateKeys(a).length, 16);
  assert.equal(estimateSimilarity(signature(''), signature('')), 1);
  assert.equal(estimateSimilarity(signature('short text'), signature('other words')), 0);
});

test('LSH recall and precision on generated variants: ≥ 0.8 Jaccard found, ≤ 0.4 rarely', () => {
  const words = wire.split(/\s+/);
  let found = 0;
  let falseCandidates = 0;
  let high = 0;
  let low = 0;
  for (let seed = 1; seed <= 60; seed++) {
    // Replace r evenly spaced words: few give close variants, many give distant ones.
    const r = seed % 30;
    const step = Math.floor(words.length / Math.max(1, r));
    const variant = words.map((w, i) => (r > 0 && i % step === seed % step && i / step < r ? `w${seed}x${i}` : w)).join(' ');
    const similarity = jaccard(wire, variant);
    const shares = candidateKeys(signature(variant)).some((key) => new Set(candidateKeys(signature(wire))).has(key));
    if (similarity >= 0.8) {
      high++;
      if (shares) found++;
    } else if (similarity <= 0.4) {
      low++;
      if (shares) falseCandidates++;
    }
  }
  assert.ok(high >= 5 && low >= 5, `fixture spread ${high}/${low}`);
  assert.ok(found / high >= 0.9, `recall ${found}/${high}`);
  assert.ok(falseCandidates / low <= 0.1, `false candidates ${falseCandidates}/${low}`);
});

test('a fingerprint (computed in the import worker) is the hash, signature and LSH keys of the text', () => {
  const { contentHash: hash, minhash, bandKeys } = fingerprint(wire);
  assert.equal(hash, contentHash(wire));
  assert.deepEqual(minhash, signature(wire));
  assert.deepEqual(bandKeys, candidateKeys(signature(wire)));
  assert.ok(candidateKeys(signature(reprint)).some((key) => bandKeys.includes(key)));
});
