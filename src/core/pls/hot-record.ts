/**
 * `fields` as an instance of `kind` (an empty class, one per kind of record): for the records the
 * estimate's hot loops read (a structure's plan and block index, the buffers an estimate is
 * written into) and that a run builds more than once — a second structure's plan for f², the
 * buffers of a worker's model checks.
 *
 * Why not the object literal itself: V8 (11.3, Node 20) builds a literal's boilerplate the second
 * time the literal runs, and building it widens the recorded type of every field of the literal's
 * shape that holds an object (a typed array) to "any". Code optimized on the narrower type depends
 * on it, so every hot function of the estimate was discarded ("code dependencies" in
 * `node --trace-deopt`) and compiled again in the middle of a run — by the main thread's f²
 * after the bootstrap, by the worker when its checks built their buffers. An instance of a class
 * has a shape of its own that `Object.assign` extends the same way each time, so a second record
 * of the same kind keeps the field types. The numbers are the same either way; only V8's work
 * differs.
 */
export function hotRecord<T extends object>(kind: new () => object, fields: T): T {
  return Object.assign(new kind(), fields);
}
