// The UI as a test sees it: locators and small actions by page, so specs read as what a user does.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { overflowingCards } from './page-checks.ts';

export class AppPage {
  constructor(
    readonly page: Page,
    /** browser or electron: a second tab exists only in the browser. */
    readonly target: string,
    private readonly info: TestInfo,
  ) {}

  async loaded(): Promise<void> {
    await expect(this.page.locator('[data-app-state="loaded"]')).toBeVisible();
  }

  go(page: 'connect' | 'charger' | 'log' | 'config' | 'smart' | 'actions' | 'readiness' | 'console' | 'sessions'): Promise<void> {
    return this.page.getByTestId(`nav-${page}`).click();
  }

  charger(id: string): Locator {
    return this.page.getByTestId(`charger-${id}`);
  }

  async powerKw(): Promise<number | null> {
    const raw = await this.page.getByTestId('chart-power').first().getAttribute('data-last');
    return raw === null || raw === '' ? null : Number(raw) / 1000;
  }

  async points(): Promise<number> {
    return Number(await this.page.getByTestId('chart-power').first().getAttribute('data-points'));
  }

  /**
   * Screenshots of the page as test artifacts (test-results/screenshots/): the whole page, and what
   * an installer sees without scrolling on a 1440×900 and a 1280×720 laptop screen. At each size no
   * card may overflow sideways (the test fails naming the card).
   */
  async screenshot(name: string): Promise<void> {
    const dir = join(this.info.config.rootDir, '..', 'test-results', 'screenshots');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${this.target}-${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    await this.info.attach(name, { path, contentType: 'image/png' });
    const before = this.page.viewportSize();
    // Electron's window is its own size; the laptop screens are the browser's.
    if (this.target !== 'browser' || !before) return;
    for (const [width, height] of SCREENS) {
      await this.page.setViewportSize({ width, height });
      await this.page.waitForTimeout(150); // the charts follow the new width
      const sized = join(dir, `${this.target}-${name}-${width}x${height}.png`);
      await this.page.screenshot({ path: sized });
      await this.info.attach(`${name}-${width}x${height}`, { path: sized, contentType: 'image/png' });
      expect(await overflowingCards(this.page), `${name} at ${width}×${height}: cards that overflow sideways`).toEqual([]);
    }
    await this.page.setViewportSize(before);
  }
}

const SCREENS = [
  [1440, 900],
  [1280, 720],
] as const;

/** Script errors and console errors of a page (CSP violations among them): a test expects none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}
