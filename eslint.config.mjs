// The house rules as lint errors. The layer order of app/ is written here once (docs/architecture.md
// explains it): a folder imports only the folders before it in APP_LAYERS, and itself. Type imports
// count. Tests and app/testing (fixtures that compose whole stacks) are outside the layers.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import noImportCycle from './lint/no-import-cycle.mjs';

/** app/'s layers, lowest first. */
export const APP_LAYERS = ['lib', 'ocpp', 'certs', 'store', 'central', 'relay', 'charger', 'readiness', 'sessions', 'serial', 'host', 'cli'];
/** Folders that stand apart: sim builds on ocpp, certs and lib only, and only the top layers use it. */
const SIM_USERS = ['host', 'cli'];

const layerZones = APP_LAYERS.flatMap((layer, i) => {
  const above = [...APP_LAYERS.slice(i + 1), ...(SIM_USERS.includes(layer) ? [] : ['sim'])];
  return above.length === 0
    ? []
    : [
        {
          target: `./app/${layer}`,
          from: above.map((f) => `./app/${f}`),
          message: `app/${layer} may import only the layers below it (${APP_LAYERS.slice(0, i).join(', ') || 'none'})`,
        },
      ];
});
const simZone = {
  target: './app/sim',
  from: APP_LAYERS.filter((f) => f !== 'lib' && f !== 'ocpp' && f !== 'certs').map((f) => `./app/${f}`),
  message: 'app/sim builds on app/ocpp, app/certs and app/lib only',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-profiles/**', 'coverage/**'] },
  {
    files: ['**/*.{ts,tsx,mjs}'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX, house: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.mjs', '.js'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'house/no-import-cycle': 'error',
      'max-len': ['error', { code: 200, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    // app/: the layers, and nothing of the OS or the UI (they are handed in through interfaces).
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts', 'app/testing/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...layerZones,
            simZone,
            { target: './app', from: ['./main', './native', './renderer', './e2e', './bench'], message: 'app/ never imports the adapters above it' },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'react', 'react-dom', 'serialport', '@serialport/*', 'zustand', 'recharts'],
              message: 'app/ never imports electron, react or a native module: take it through an interface',
            },
          ],
        },
      ],
    },
  },
  {
    // renderer/: only renders. Types from the contract; at run time only the browser-safe client.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // @tanstack/react-virtual is not written for the React Compiler; the pages do not use the compiler.
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/no-restricted-imports': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'serialport', '@serialport/*', 'ws'],
              message: 'the renderer runs in a browser page: no Node, Electron or native modules',
            },
            {
              regex:
                '^(\\.\\./)+app/(?!host/(contract|ws-client|host-error)\\.ts$|lib/(value-scale|message|messages-th)\\.ts$|ocpp/key-fields\\.ts$|readiness/run-state\\.ts$)',
              message:
                'the renderer takes its types from app/host/contract.ts only, and at run time only app/host/ws-client.ts, host-error.ts and the pure lib/value-scale.ts, lib/message.ts, lib/messages-th.ts (shared with the HTML report), ocpp/key-fields.ts (the message log previews) and readiness/run-state.ts (a run as the host keeps it, the idle one included)',
            },
          ],
        },
      ],
    },
  },
  {
    // main/ and native/ sit above app/: they may use it, never the renderer.
    files: ['main/**/*.ts', 'native/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './main', from: './renderer' },
            { target: './native', from: ['./renderer', './main'] },
          ],
        },
      ],
    },
  },
);
