/** Formatting is Prettier's, checked by `npm test` (`npm run format:check`); `npm run format` applies it. */
/** @type {import('prettier').Config} */
const config = {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  plugins: ['@ianvs/prettier-plugin-sort-imports', 'prettier-plugin-tailwindcss'],
  importOrder: ['<BUILTIN_MODULES>', '<THIRD_PARTY_MODULES>', '', '^@/(.*)$', '', '^[./]'],
  importOrderTypeScriptVersion: '5.0.0',
  tailwindStylesheet: './app/globals.css',
};

export default config;
