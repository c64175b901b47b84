// The UI as a test sees it: locators and small actions by page, so specs read as what a user does.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class AppPage {
  constructor(
    readonly page: Page,
    private readonly target: string,
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

  /** A screenshot of the page as a test artifact (test-results/screenshots/<target>-<name>.png). */
  async screenshot(name: string): Promise<void> {
    const dir = join(this.info.config.rootDir, '..', 'test-results', 'screenshots');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${this.target}-${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    await this.info.attach(name, { path, contentType: 'image/png' });
  }
}

/** Script errors and console errors of a page (CSP violations among them): a test expects none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}
