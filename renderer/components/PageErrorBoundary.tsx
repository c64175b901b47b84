/**
 * A page that fails to render (a value it did not expect, from a file opened from a site, say) shows
 * what went wrong in its own place; the sidebar, the other pages and the host keep running.
 * Keyed by page and charger in App, so moving elsewhere starts afresh.
 */
import { Component, type ReactNode } from 'react';
import i18next from 'i18next';

export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="card" role="alert" data-testid="page-error">
        <h2>{i18next.t('app.pageFailed')}</h2>
        <p className="error-text">{error.message}</p>
        <p className="muted small-text">{i18next.t('app.pageFailedExplained')}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {i18next.t('app.tryAgain')}
        </button>
      </section>
    );
  }
}
