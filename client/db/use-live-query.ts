/**
 * A Dexie live query as a Vue ref: re-runs when the tables it read change, in this tab or
 * another (Dexie broadcasts changes between tabs), and stops with the component's scope.
 */
import { liveQuery } from 'dexie';
import { getCurrentScope, onScopeDispose, shallowRef, type Ref } from 'vue';

export function useLiveQuery<T>(query: () => Promise<T>, initial: T): Ref<T> {
  const value = shallowRef(initial) as Ref<T>;
  const subscription = liveQuery(query).subscribe({
    next: (result) => {
      value.value = result;
    },
    error: (error: unknown) => {
      console.error('A live query failed', error);
    },
  });
  if (getCurrentScope()) onScopeDispose(() => subscription.unsubscribe());
  return value;
}
