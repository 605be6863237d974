/**
 * The session cookie: HttpOnly (scripts never see it), SameSite=Lax (not sent on cross-site
 * requests that change things), Secure with the __Host- prefix when served over HTTPS.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const cookieName = (secure: boolean): string =>
  secure ? '__Host-lantern_session' : 'lantern_session';

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, cookieName(secure));
}

export function writeSessionCookie(c: Context, secure: boolean, token: string, maxAgeSeconds: number): void {
  setCookie(c, cookieName(secure), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeSeconds),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, cookieName(secure), { path: '/', secure });
}
