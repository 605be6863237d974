/**
 * A response body made page by page, whose failures never leak. An error thrown while a
 * stream is read happens after the handler returned, where Hono's onError is not reached;
 * @hono/node-server would answer it with a `text/plain` 500 carrying the raw error message (a
 * database error's text included) and no security headers. Here the error is logged through the
 * one error handler's rules (server/http/on-error.ts) and the stream ends with a plain message,
 * so the download is seen to fail and nothing of the error's text leaves the server.
 * Load the first page before building the response, so an error there is an ordinary JSON error.
 */
import { toAppError } from './on-error';

/** A stream that enqueues `first`, then whatever `nextPage` returns until it returns null. */
export function errorSafeStream(
  where: string,
  first: Uint8Array,
  nextPage: () => Promise<Uint8Array | null>,
): ReadableStream<Uint8Array> {
  let sentFirst = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentFirst) {
        sentFirst = true;
        controller.enqueue(first);
        return;
      }
      try {
        const page = await nextPage();
        if (page === null) controller.close();
        else controller.enqueue(page);
      } catch (error) {
        controller.error(new Error(toAppError(error, where).message));
      }
    },
  });
}
