import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string; productName: string };

export const APP_VERSION = pkg.version;
export const PRODUCT_NAME = pkg.productName;
