import type { NextRequest } from 'next/server';

import { handlers } from '@/lib/auth';
import { withRequestOrigin } from '@/lib/request-origin';

// Redirects and cookies follow the host and protocol the browser used, not the address the server listens on.
export const GET = (req: NextRequest) => handlers.GET(withRequestOrigin(req));
export const POST = (req: NextRequest) => handlers.POST(withRequestOrigin(req));
