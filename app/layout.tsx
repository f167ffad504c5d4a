import type { Metadata, Viewport } from 'next';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Paridharan CRM', template: '%s · Paridharan CRM' },
  description: 'Booth talks, leads, stall bookings and revenue for exhibition organisers.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#174ca8' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-IN">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
