// Prints one last line "N passed, N failed" (and skipped, with reasons) that CI and scripts/test.sh read.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'skipped') this.skipped.push(`${test.title}: ${test.annotations.find((a) => a.type === 'skip')?.description ?? 'skipped'}`);
    else if (result.retry === test.retries) this.failed++;
  }

  onEnd(_result: FullResult): void {
    for (const s of this.skipped) process.stdout.write(`skipped: ${s}\n`);
    process.stdout.write(`e2e: ${this.passed} passed, ${this.failed} failed, ${this.skipped.length} skipped\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
