// Loads .env / .env.local the way Next does, before anything reads process.env.
import nextEnv from '@next/env';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
