/**
 * A file's first bytes, read to tell which kind of backup it is (its "magic number") before
 * anything is restored from it.
 */
import { open } from 'node:fs/promises';

/** Whether the file begins with exactly these bytes (a shorter file does not). */
export async function fileStartsWith(file: string, magic: Buffer): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(magic.length), 0, magic.length, 0);
    return bytesRead === magic.length && buffer.equals(magic);
  } finally {
    await handle.close();
  }
}
