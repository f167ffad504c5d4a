import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'drizzle/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    // Ids come from lib/ulid.ts (the package with a buffered random source).
    ignores: ['lib/ulid.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'ulid', importNames: ['ulid'], message: "Import { ulid } from '@/lib/ulid'." }] },
      ],
    },
  },
];

export default config;
