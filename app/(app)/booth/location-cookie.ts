import { positiveInt } from '@/lib/search-params';

/**
 * The tablet's location, mirrored from its saved preference (booth-prefs.ts,
 * localStorage) into a cookie so the server renders that location's stalls on
 * the first response; the URL's `?location=` wins over it. Scoped to /booth:
 * no other request carries it.
 */
export const BOOTH_LOCATION_COOKIE = 'paridharan.booth.location';

/** The location id a cookie (or a URL) holds; anything but a plain positive id is none. */
export function locationIdOf(value: string | undefined): number | null {
  return positiveInt(value?.trim()) ?? null;
}

/** Remembers (or, with null, forgets) the tablet's location for the server; a year, like the saved preference. */
export function writeBoothLocationCookie(locationId: number | null) {
  const secure = window.location.protocol === 'https:' ? '; secure' : '';
  document.cookie =
    locationId === null
      ? `${BOOTH_LOCATION_COOKIE}=; path=/booth; max-age=0; samesite=lax${secure}`
      : `${BOOTH_LOCATION_COOKIE}=${locationId}; path=/booth; max-age=31536000; samesite=lax${secure}`;
}
