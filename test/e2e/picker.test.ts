import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/temp';
import { cell, importFiles, openWorkbench, selectInReader, type Workbench } from './harness';

// An article written for this test: the Kremlin, Moscow, Washington and Kyiv name the parties.
const ARTICLE = `Kremlin signals openness to revised peace plan

MOSCOW, Dec 2 — The Kremlin said on Tuesday it was studying the revised 19-point plan line by line.

"We see some positive elements, but the key questions remain," Kremlin spokesman Dmitry Peskov told reporters.

Washington has pressed Moscow to answer before the end of the month, while officials in Kyiv said they would not cede the rest of Donetsk.
`;

let bench: Workbench;
const store = () => bench.service.session.current();
const party = (name: string) => store().parties.list().find((entry) => entry.name === name);
const mentions = () => store().annotations.list({ limit: 100, offset: 0, type: 'party_mention' }).rows;

before(async () => {
  bench = await openWorkbench('picker.parley');
  await bench.service.dispatch('party:create', { name: 'Russia', kind: 'state', aliases: ['Moscow'] });
  await bench.service.dispatch('party:create', { name: 'Ukraine', kind: 'state', aliases: ['Kyiv'] });
  const file = join(tempDir(), 'kremlin-signals.txt');
  writeFileSync(file, ARTICLE);
  await importFiles(bench.page, [file]);
  await bench.page.getByTestId('import-close').click();
  await cell(bench.page, 'documents-grid', 'Kremlin signals', 'title').dblclick();
  await bench.page.getByTestId('reader-text').waitFor();
});
after(async () => {
  await bench?.close();
});

/** Select a word (its n-th occurrence, from 0) without releasing the mouse, then press a type's key. */
async function mark(word: string, key: string, occurrence = 0) {
  await selectInReader(bench.page, word, { mouseup: false, occurrence });
  await bench.page.keyboard.press(key);
  await bench.page.getByTestId('annotation-form').waitFor();
}

describe('the party picker', () => {
  it('is prefilled with the selected words, finds Russia by a prefix, and offers "Kremlin" as its alias (Shift+Enter)', async () => {
    const { page } = bench;
    await mark('Kremlin', 'p');
    assert.equal(await page.getByTestId('field-party').inputValue(), 'Kremlin');
    await page.getByTestId('field-party-new').waitFor();
    await page.keyboard.type('Rus'); // the prefilled name is selected, so typing replaces it
    const options = page.getByTestId('field-party-options');
    await options.waitFor();
    assert.match(await options.locator('[aria-selected="true"]').innerText(), /^Russia/);
    await page.getByTestId('field-party-alias').waitFor();
    assert.match(await page.locator('.alias-offer').innerText(), /Add “Kremlin” as an alias of Russia/);
    await bench.screenshot('51-party-picker-alias-offer');
    await page.keyboard.press('Shift+Enter');
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    assert.deepEqual(party('Russia')?.aliases, ['Kremlin', 'Moscow']);
    assert.deepEqual(mentions().map((mention) => [mention.exact, mention.partyName]), [['Kremlin', 'Russia']]);
  });

  it('knows the alias next time: the selected name picks Russia at once, and Enter saves (two keystrokes)', async () => {
    const { page } = bench;
    await mark('Kremlin', 'p', 1);
    assert.equal(await page.getByTestId('field-party').inputValue(), 'Kremlin');
    await page.getByTestId('field-party-existing').filter({ hasText: 'Russia' }).waitFor();
    assert.equal(await page.getByTestId('field-party-alias').count(), 0, 'already an alias: nothing to offer');
    await page.keyboard.press('Enter');
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    assert.equal(mentions().length, 2);
    assert.ok(mentions().every((mention) => mention.partyName === 'Russia'));
  });

  it('matches prefixes of aliases: "Krem" finds Russia via Kremlin', async () => {
    const { page } = bench;
    await mark('Moscow', 'p');
    await page.getByTestId('field-party-existing').filter({ hasText: 'Russia' }).waitFor();
    await page.getByTestId('field-party').fill('Krem');
    const active = page.getByTestId('field-party-options').locator('[aria-selected="true"]');
    await active.waitFor();
    assert.match(await active.innerText(), /Russia · as “Kremlin”/);
    await bench.screenshot('53-party-picker-prefix');
    await page.keyboard.press('Enter');
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    assert.equal(mentions().length, 3);
  });

  it('creates a new party with the kind its name suggests (a country is a state), and the selected words as its alias in one click', async () => {
    const { page } = bench;
    await mark('Washington', 'p');
    assert.equal(await page.getByTestId('field-party').inputValue(), 'Washington');
    assert.equal(await page.getByTestId('field-party-kind').inputValue(), 'other', 'a city is not known as a state');
    await page.keyboard.type('United States');
    await page.getByTestId('field-party-new').waitFor();
    assert.equal(await page.getByTestId('field-party-kind').inputValue(), 'state');
    await page.getByTestId('field-party-alias').check();
    await bench.screenshot('52-party-picker-new-kind');
    await page.getByTestId('field-party').press('Enter');
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    const created = party('United States');
    assert.equal(created?.kind, 'state');
    assert.deepEqual(created?.aliases, ['Washington']);
    // Undo takes the whole mention back, the new party with it (one call, one step).
    await page.getByTestId('reader-title').click();
    await page.keyboard.press('Control+z');
    await page.getByTestId('toast').filter({ hasText: 'Undid' }).waitFor();
    assert.equal(party('United States'), undefined);
  });

  it('the short keyboard path for an attribution: select → A → Tab → grade → Enter, the speaker and the role read from the article', async () => {
    const { page } = bench;
    await mark('We see some positive elements, but the key questions remain,', 'a');
    // "…," Kremlin spokesman Dmitry Peskov told reporters: the name, with the role folded away.
    assert.equal(await page.getByTestId('field-source').inputValue(), 'Dmitry Peskov');
    await page.keyboard.press('Tab');
    await page.keyboard.type('C2');
    await bench.screenshot('54-attribution-keyboard-path');
    await page.keyboard.press('Enter');
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    const [attribution] = store().annotations.list({ limit: 10, offset: 0, type: 'attribution' }).rows;
    assert.equal(attribution?.sourceName, 'Dmitry Peskov');
    assert.equal(attribution?.quoteKind, 'direct');
    assert.equal(attribution?.credibility, 2);
    assert.equal(attribution?.effectiveReliability, 'C');
    const source = store().sources.list().find((entry) => entry.name === 'Dmitry Peskov');
    assert.equal(source?.anonymous, false);
    assert.equal(source?.defaultReliability, 'C');
    assert.equal(source?.role, 'Kremlin spokesman');
  });

  it('made no external request and raised no page error', () => {
    assert.deepEqual(bench.errors, []);
  });
});
