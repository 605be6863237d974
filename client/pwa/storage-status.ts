/**
 * How much the browser lets Lantern store, how much it uses, and whether the data is
 * persistent (not cleared when the device runs low on space).
 */
export interface StorageStatus {
  persisted: boolean;
  usedText: string;
  quotaText: string;
  freeText: string;
  lowSpace: boolean;
}

const LOW_SPACE_BYTES = 50 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export async function storageStatus(): Promise<StorageStatus> {
  const estimate = navigator.storage?.estimate ? await navigator.storage.estimate() : {};
  const persisted = navigator.storage?.persisted ? await navigator.storage.persisted() : false;
  const used = estimate.usage ?? 0;
  const quota = estimate.quota ?? 0;
  return {
    persisted,
    usedText: formatBytes(used),
    quotaText: formatBytes(quota),
    freeText: formatBytes(quota - used),
    lowSpace: quota > 0 && quota - used < LOW_SPACE_BYTES,
  };
}

/** Ask the browser to keep Lantern's data; true when granted. */
export async function requestPersistence(): Promise<boolean> {
  return navigator.storage?.persist ? navigator.storage.persist() : false;
}
