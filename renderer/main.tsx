/** Starts the UI: reach the host (Electron bridge or WebSocket), fill the store, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { HostContext } from './hooks.ts';
import { connectHost } from './host.ts';
import { createAppStore } from './state/app-store.ts';
import { attachFeed } from './state/feed.ts';
import i18next from 'i18next';
import { startI18n } from './i18n/index.ts';
import './styles.css';

const store = createAppStore();
const root = createRoot(document.getElementById('root')!);

async function start(): Promise<void> {
  try {
    await startI18n();
    const link = await connectHost();
    const feed = attachFeed(link.host, store);
    link.onLost((reason) => store.setState({ hostState: 'lost', hostProblem: reason }));
    root.render(
      <StrictMode>
        <HostContext.Provider value={{ host: link.host, store }}>
          <App />
        </HostContext.Provider>
      </StrictMode>,
    );
    await feed.load();
  } catch (err) {
    store.setState({ hostState: 'lost', hostProblem: (err as Error).message });
    root.render(
      <div className="fatal" data-app-state="lost">
        <h1>{i18next.t('fatal.title')}</h1>
        <p>{(err as Error).message}</p>
        <p>{i18next.t('fatal.explained')}</p>
      </div>,
    );
  }
}

void start();
