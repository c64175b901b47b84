// What a page must hold at any size and in any language: checked in the browser, on what is shown.
import type { Page } from '@playwright/test';

/**
 * Cards wider than their content allows at this size: a card whose content runs past its right edge
 * (its own scroll width beyond its box), or a card that runs past the page. A scroll area inside a
 * card (the message log, a wide table in .table-scroll) is the design, not an overflow.
 */
export function overflowingCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const viewport = document.documentElement.clientWidth;
    const name = (el: Element) => {
      const heading = el.querySelector('h2, h3')?.textContent?.trim();
      return heading ? `"${heading.slice(0, 40)}"` : `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    };
    for (const card of document.querySelectorAll('.card')) {
      const box = card.getBoundingClientRect();
      if (box.width === 0) continue;
      if (card.scrollWidth > card.clientWidth + 1) found.push(`${name(card)}: content ${card.scrollWidth} px in ${card.clientWidth} px`);
      else if (box.right > viewport + 1) found.push(`${name(card)}: ends at ${Math.round(box.right)} px of a ${viewport} px page`);
    }
    if (document.documentElement.scrollWidth > viewport + 1)
      found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${viewport} px`);
    return found;
  });
}

/**
 * English a Thai reader would meet on the page: runs of three or more English words in the text
 * shown, outside what is verbatim by nature (frames, code, values the charger sent, inputs, charts).
 * Durations in English units count too. OCPP names, units (kW, A) and ids are single words and pass.
 */
export function englishInThai(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // A command to type (fieldkit certs issue, serve --security-profile 3) and a protocol's name are not language.
    const PROTOCOLS = new Set(['(wss)', '(ws)', '(http)', '(ftp)']);
    const isCommand = (words: string, text: string, at: number) =>
      words.includes('--') || /\bfieldkit\s*$/.test(text.slice(0, at)) || words.startsWith('fieldkit');
    const VERBATIM = 'pre, code, svg, input, textarea, select, .raw, .log-row, .json, .verbatim, .console-lines, .uplot, [data-verbatim]';
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(VERBATIM)) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/\b[A-Za-z][a-z']+(?:[ -]+[a-z][a-z']+){2,}\b/g)) if (!isCommand(match[0], text, match.index)) found.add(match[0]);
      // Durations in English units ("5 min 4 s", "0 s ago") and a lone English word in brackets ("(reused)").
      for (const match of text.matchAll(/\d+ (?:min|h|s)\b(?: \d+ (?:min|s)\b)?|\([a-z]{3,}\)/g)) if (!PROTOCOLS.has(match[0])) found.add(match[0]);
    }
    return [...found];
  });
}
