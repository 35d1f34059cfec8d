/** Resolves in a later task (a timer), so what follows it is not part of the current task. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Imports go through `first` before anything else, each import in a task of its own. Importing a chunk
 * evaluates, in one task, every module it needs that has not run yet; `first` takes the largest share of
 * that out of the screens' task. A failed `first` is tried again by the next import (offline before the
 * worker cached it); the import itself then reports its own failure.
 */
export function stagedImporter(first: () => Promise<unknown>, later: () => Promise<void> = nextTask) {
  let done: Promise<unknown> | null = null;
  return <T>(importer: () => Promise<T>): Promise<T> => {
    done ??= later()
      .then(first)
      .catch(() => {
        done = null;
      });
    return done.then(later).then(importer);
  };
}

/**
 * The mutation schemas (zod) are about half the evaluation of any signed-in screen's modules: evaluated
 * with the rest, a new device's first load had one task of 160-310 ms; staged, two of about half.
 */
export const afterSchemas = stagedImporter(() => import("../../shared/mutations/index.js"));
